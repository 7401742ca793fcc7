/*
 * Hello: the smallest Vireo application. Prints a greeting and powers the
 * board off, which ends the QEMU run with exit status 0.
 */
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>

int main(void)
{
	printk("Hello from Vireo on %s!\n", CONFIG_BOARD);
	sys_poweroff();
	return 0;
}
