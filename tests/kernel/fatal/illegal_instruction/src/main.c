/*
 * Fault path: executing an illegal instruction must produce the fault
 * report (decoded cause, symbolized epc, registers) and halt with a
 * failure exit. testcase.ini declares that failure as the expected outcome.
 */
#include <vireo/kernel.h>

/* A known value in a saved register proves the frame is printed, not junk. */
__attribute__((noinline)) static void trigger_illegal_instruction(void)
{
	__asm__ volatile("li a0, 0x5eed1234\n"
			 ".word 0\n"); /* all-zero is defined to be illegal */
}

int main(void)
{
	printk("about to execute an illegal instruction\n");
	trigger_illegal_instruction();
	printk("still running: the fault was not taken\n");
	return 0;
}
