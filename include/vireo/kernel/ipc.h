/*
 * Message queues, condition variables, events and timers. Included by
 * <vireo/kernel.h>.
 */
#ifndef VIREO_INCLUDE_KERNEL_IPC_H_
#define VIREO_INCLUDE_KERNEL_IPC_H_

#endif /* VIREO_INCLUDE_KERNEL_IPC_H_ */
