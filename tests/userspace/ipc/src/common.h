/*
 * Helpers shared by the user-mode IPC suites: up to three user threads,
 * created by a kernel-mode case, in a domain granting the ztest partition
 * (so they can write ZTEST_BMEM results), and the "this call must oops"
 * pattern.
 */
#ifndef IPC_TEST_COMMON_H_
#define IPC_TEST_COMMON_H_

#include <vireo/ztest.h>

#define IPC_USER_THREADS 3

/* Set by a user thread after the call that should have oopsed it. */
extern volatile int ipc_reached;

/* Once, from a kernel-mode suite setup: the domain of the helper threads. */
void ipc_domain_setup(void);

/* Start user thread @p slot (0..2) running fn(p1), in the helpers' domain. */
void ipc_user_start(int slot, k_thread_entry_t fn, void *p1);
/* The same in @p domain instead. */
void ipc_user_start_in(int slot, struct k_mem_domain *domain, k_thread_entry_t fn, void *p1);
struct k_thread *ipc_user_thread(int slot);
/* Join user thread @p slot, failing the case if it does not end in time. */
void ipc_user_join(int slot, k_timeout_t timeout);

/* Run fn(p1) in a user thread and require that it oopses before ipc_reached. */
void ipc_expect_oops(k_thread_entry_t fn, void *p1);

#endif /* IPC_TEST_COMMON_H_ */
