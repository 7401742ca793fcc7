/*
 * samples/shared_ringbuf: Vireo's point in one run. Two user threads, each
 * in a memory domain of its own, pass 10000 values through a ring buffer
 * that lives in the one partition both domains hold; a mutex granted to
 * both serializes the ring. The consumer checks the sequence and prints
 * the cost per item in instructions (QEMU -icount: the cycle counter
 * counts instructions). Then it reads the producer's private partition:
 * the PMP refuses, the fault report names the thread, the address and the
 * rule, the kernel aborts only the consumer, and main reports and powers
 * off with status 0.
 *
 * Who owns what: main (kernel mode) sets everything up before either
 * thread runs and reads the consumer's counters only after joining it;
 * the ring is touched only under ring_lock.
 */
#include <vireo/kernel.h>
#include <vireo/app_memory/app_memdomain.h>
#include <vireo/sys/poweroff.h>
#include <vireo/sys/ring_buffer.h>
#include <vireo/timing/timing.h>

#define ITEMS 10000U
#define RING_ITEMS 64U
#define ITEM_SIZE sizeof(uint32_t)
#define USER_PRIO K_PRIO_PREEMPT(1) /* below main, which must finish setup first */
#define STACK_SIZE 1024

K_APPMEM_PARTITION_DEFINE(producer_part);
K_APPMEM_PARTITION_DEFINE(consumer_part);
K_APPMEM_PARTITION_DEFINE(shared_part);

/* The producer's own state; the consumer's last act is to reach for it. */
K_APP_BMEM(producer_part) static uint32_t next_value;

/* The consumer's own state; main reads it after the consumer has ended. */
K_APP_BMEM(consumer_part) static uint32_t expected;
K_APP_BMEM(consumer_part) static unsigned int received, errors, batches;
K_APP_BMEM(consumer_part) static volatile bool peek_succeeded;
K_APP_BMEM(consumer_part) static volatile uint32_t peeked;

/* What both share. Items stay aligned: every claim is a multiple of 4. */
K_APP_BMEM(shared_part) static uint32_t ring_storage[RING_ITEMS];
K_APP_BMEM(shared_part) static struct ring_buf ring;

static K_MUTEX_DEFINE(ring_lock);

static K_THREAD_STACK_DEFINE(producer_stack, STACK_SIZE);
static K_THREAD_STACK_DEFINE(consumer_stack, STACK_SIZE);
static struct k_thread producer_thread Z_KOBJ_SECTION(k_thread);
static struct k_thread consumer_thread Z_KOBJ_SECTION(k_thread);
static struct k_mem_domain producer_domain, consumer_domain;

/* Fill the ring in place, up to the wrap point and again past it. */
static void put_batch(void)
{
	uint8_t *data;
	uint32_t n;

	while (next_value < ITEMS &&
	       (n = ring_buf_put_claim(&ring, &data, (ITEMS - next_value) * ITEM_SIZE) /
		    ITEM_SIZE) > 0) {
		uint32_t *slot = (uint32_t *)data;

		for (uint32_t i = 0; i < n; i++) {
			slot[i] = next_value++;
		}
		(void)ring_buf_put_finish(&ring, n * ITEM_SIZE);
	}
}

static void producer(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	while (next_value < ITEMS) {
		k_mutex_lock(&ring_lock, K_FOREVER);
		put_batch();
		k_mutex_unlock(&ring_lock);
		k_yield();
	}
}

/* Check everything stored, in place; a wrong value counts once, then resyncs. */
static void get_batch(void)
{
	uint8_t *data;
	uint32_t n;

	while ((n = ring_buf_get_claim(&ring, &data, RING_ITEMS * ITEM_SIZE) / ITEM_SIZE) > 0) {
		const uint32_t *item = (const uint32_t *)data;

		for (uint32_t i = 0; i < n; i++) {
			errors += item[i] != expected;
			expected = item[i] + 1;
		}
		received += n;
		(void)ring_buf_get_finish(&ring, n * ITEM_SIZE);
	}
}

static void consumer(void *p1, void *p2, void *p3)
{
	timing_t start = timing_counter_get();
	unsigned int per_item;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	while (received < ITEMS) {
		k_mutex_lock(&ring_lock, K_FOREVER);
		get_batch();
		k_mutex_unlock(&ring_lock);
		batches++;
		k_yield();
	}
	per_item = (unsigned int)((timing_counter_get() - start + ITEMS / 2) / ITEMS);

	printk("consumer: %u items in %u turns, in user mode: %d\n", received, batches,
	       (int)k_is_user_context());
	printk("items: %u, errors: %u, instructions per item: %u\n", received, errors, per_item);
	printk("bench: shared_ringbuf_per_item = %u instr\n", per_item);

	if (!IS_ENABLED(CONFIG_USERSPACE)) {
		printk("consumer: user mode is off: no isolation to show\n");
		return;
	}
	/* Register width: the fault report prints the address that way. */
	printk("consumer: now reading the producer's private data at 0x%0*lx\n",
	       (int)(2 * sizeof(long)), (unsigned long)&next_value);
	peeked = *(volatile uint32_t *)&next_value;
	peek_succeeded = true;
	printk("consumer: read %u: the PMP did not stop me\n", (unsigned int)peeked);
}

static void print_partition(const char *name, const struct k_mem_partition *p, const char *who)
{
	printk("  %-14s 0x%08lx..0x%08lx  %s\n", name, (unsigned long)p->start,
	       (unsigned long)(p->start + p->size), who);
}

static int setup_user(struct k_thread *t, k_thread_stack_t *stack, k_thread_entry_t entry,
		      const char *name, struct k_mem_domain *domain)
{
	k_thread_create(t, stack, K_THREAD_STACK_LEN(STACK_SIZE), entry, NULL, NULL, NULL,
			USER_PRIO, K_USER, K_FOREVER);
	k_thread_name_set(t, name);
	k_object_access_grant(&ring_lock, t);
	return k_mem_domain_add_thread(domain, t);
}

int main(void)
{
	struct k_mem_partition *producer_parts[] = { &producer_part, &shared_part };
	struct k_mem_partition *consumer_parts[] = { &consumer_part, &shared_part };
	int rc;

	ring_buf_init(&ring, sizeof(ring_storage), (uint8_t *)ring_storage);
	rc = k_mem_domain_init(&producer_domain, ARRAY_SIZE(producer_parts), producer_parts);
	if (rc == 0) {
		rc = k_mem_domain_init(&consumer_domain, ARRAY_SIZE(consumer_parts),
				       consumer_parts);
	}
	if (rc == 0) {
		/* The consumer first: it starts the clock and waits for data. */
		rc = setup_user(&consumer_thread, consumer_stack, consumer, "consumer",
				&consumer_domain);
	}
	if (rc == 0) {
		rc = setup_user(&producer_thread, producer_stack, producer, "producer",
				&producer_domain);
	}
	if (rc != 0) {
		printk("shared_ringbuf: setup failed: %d\n", rc);
		sys_poweroff_exit(1);
	}

	printk("shared_ringbuf: %u items through a %u-item ring, two %s threads\n", ITEMS,
	       RING_ITEMS, IS_ENABLED(CONFIG_USERSPACE) ? "user" : "kernel");
	print_partition("producer_part", &producer_part, "producer only");
	print_partition("consumer_part", &consumer_part, "consumer only");
	print_partition("shared_part", &shared_part, "both: the ring buffer");
	k_thread_start(&consumer_thread);
	k_thread_start(&producer_thread);

	k_thread_join(&consumer_thread, K_FOREVER);
	/* Done long before, unless the consumer died early and left it a full ring. */
	rc = k_thread_join(&producer_thread, K_MSEC(100));
	if (rc != 0) {
		k_thread_abort(&producer_thread);
	}
	if (!IS_ENABLED(CONFIG_USERSPACE) && received == ITEMS && errors == 0 && rc == 0) {
		printk("shared_ringbuf: done (kernel mode: built without CONFIG_USERSPACE)\n");
		sys_poweroff();
	}
	if (received != ITEMS || errors != 0 || peek_succeeded || rc != 0) {
		printk("shared_ringbuf: FAILED: %u items, %u errors, private read %s\n", received,
		       errors, peek_succeeded ? "allowed" : "refused");
		sys_poweroff_exit(1);
	}
	printk("shared_ringbuf: done, consumer stopped by the PMP as expected\n");
	sys_poweroff();
	return 0;
}
