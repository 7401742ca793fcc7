/*
 * Devices (a subset of Zephyr's device.h): a named instance with its
 * configuration, state and API table, initialized at boot by its init
 * level. Drivers get their addresses through the config, filled from
 * board data (Kconfig), never from literals in the driver.
 */
#ifndef VIREO_INCLUDE_DEVICE_H_
#define VIREO_INCLUDE_DEVICE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vireo/init.h>

struct device_state {
	/** Value returned by the init function. */
	int init_res;
	bool initialized;
};

struct device {
	const char *name;
	const void *config;
	const void *api;
	struct device_state *state;
	void *data;
	int (*init)(const struct device *dev);
};

/**
 * @brief Define a device and register its initialization.
 *
 * Same parameters as Zephyr's DEVICE_DEFINE: @p pm is accepted for source
 * compatibility and must be NULL (no power management yet).
 */
#define DEVICE_DEFINE(dev_id, name_str, init_fn, pm, data_ptr, cfg_ptr,      \
		      level, prio, api_ptr)                                   \
	static struct device_state Z_DEVICE_STATE(dev_id);                    \
	const struct device __used __section(".z_device_" #dev_id)          \
		Z_DEVICE_NAME(dev_id) = {                                     \
		.name = (name_str), .config = (cfg_ptr), .api = (api_ptr),    \
		.state = &Z_DEVICE_STATE(dev_id), .data = (data_ptr),         \
		.init = (init_fn) };                                          \
	Z_INIT_ENTRY_DEFINE(dev_id, NULL, &Z_DEVICE_NAME(dev_id), level, prio)

#define Z_DEVICE_NAME(dev_id) __device_##dev_id
#define Z_DEVICE_STATE(dev_id) __devstate_##dev_id

/** @brief The device defined with id @p dev_id (compile-time reference). */
#define DEVICE_GET(dev_id) (&Z_DEVICE_NAME(dev_id))
#define DEVICE_DECLARE(dev_id) extern const struct device Z_DEVICE_NAME(dev_id)

/** @brief Find a device by name. @return the device, or NULL. */
const struct device *device_get_binding(const char *name);

/** @brief true when @p dev is non-NULL and its initialization succeeded. */
bool device_is_ready(const struct device *dev);

#endif /* VIREO_INCLUDE_DEVICE_H_ */
