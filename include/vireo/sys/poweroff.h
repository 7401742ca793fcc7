/*
 * Power the system off (Zephyr's sys/poweroff.h). On QEMU this ends the
 * emulator; the status variant gives it an exit code, which is how tests
 * report their verdict.
 */
#ifndef VIREO_INCLUDE_SYS_POWEROFF_H_
#define VIREO_INCLUDE_SYS_POWEROFF_H_

#include <vireo/toolchain.h>

/** @brief Power the system off. Interrupts are locked first; never returns. */
FUNC_NORETURN void sys_poweroff(void);

/**
 * @brief Power off with a status: 0 for success, anything else for failure
 * (the emulator's exit code is non-zero). Vireo extension, used by ztest and
 * the fatal error handler.
 */
FUNC_NORETURN void sys_poweroff_exit(int status);

/**
 * @brief Driver hook: end the run with @p status. Implemented by the
 * board's power-off driver; called with interrupts locked.
 */
FUNC_NORETURN void z_sys_poweroff(int status);

#endif /* VIREO_INCLUDE_SYS_POWEROFF_H_ */
