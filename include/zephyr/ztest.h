/* Zephyr compatibility: <zephyr/ztest.h> is <vireo/ztest.h>. */
#ifndef ZEPHYR_FWD_ZTEST_H_
#define ZEPHYR_FWD_ZTEST_H_
#include <vireo/ztest.h>
#endif /* ZEPHYR_FWD_ZTEST_H_ */
