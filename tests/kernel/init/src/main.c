/*
 * Start-up order: SYS_INIT levels run in order, priorities inside a level
 * in numeric order (9 before 10, which a plain name sort would get wrong),
 * devices are findable by name and report their readiness, and a failing
 * init is reported on the console without stopping the boot.
 */
#include <errno.h>
#include <vireo/device.h>
#include <vireo/init.h>
#include <vireo/ztest.h>

static char order[16];
static int order_len;

#define RECORDER(name, mark)               \
	static int name(void)              \
	{                                  \
		order[order_len++] = mark; \
		return 0;                  \
	}

RECORDER(pre1_p10, 'B')
RECORDER(pre1_p9, 'A')
RECORDER(pre2_p0, 'C')
RECORDER(post_p5, 'D')
RECORDER(app_p99, 'F')
RECORDER(app_p1, 'E')

SYS_INIT(pre1_p10, PRE_KERNEL_1, 10);
SYS_INIT(pre1_p9, PRE_KERNEL_1, 9);
SYS_INIT(app_p99, APPLICATION, 99);
SYS_INIT(post_p5, POST_KERNEL, 5);
SYS_INIT(pre2_p0, PRE_KERNEL_2, 0);
SYS_INIT(app_p1, APPLICATION, 1);

static int failing_init(void)
{
	return -EIO;
}
SYS_INIT(failing_init, POST_KERNEL, 50);

static int good_dev_init(const struct device *dev)
{
	ARG_UNUSED(dev);
	return 0;
}

static int bad_dev_init(const struct device *dev)
{
	ARG_UNUSED(dev);
	return -ENODEV;
}

DEVICE_DEFINE(good_dev, "good", good_dev_init, NULL, NULL, NULL, POST_KERNEL, 0, NULL);
DEVICE_DEFINE(bad_dev, "bad", bad_dev_init, NULL, NULL, NULL, POST_KERNEL, 0, NULL);

ZTEST(init, test_levels_and_priorities_in_order)
{
	zassert_equal(order_len, 6);
	zassert_mem_equal(order, "ABCDEF", 6, "order was %.6s", order);
}

ZTEST(init, test_devices)
{
	zassert_equal_ptr(device_get_binding("good"), DEVICE_GET(good_dev));
	zassert_true(device_is_ready(DEVICE_GET(good_dev)));
	zassert_false(device_is_ready(DEVICE_GET(bad_dev)));
	zassert_is_null(device_get_binding("missing"));
	zassert_is_null(device_get_binding(NULL));
	zassert_false(device_is_ready(NULL));
	zassert_true(device_is_ready(device_get_binding("uart0")), "console UART");
}

ZTEST_SUITE(init, NULL, NULL, NULL, NULL, NULL);
