/*
 * Device lookup over the linker-collected device table (include/vireo/
 * device.h). The table is read-only; each device's state is written once,
 * by its init entry during boot.
 */
#include <string.h>
#include <vireo/device.h>

extern const struct device __device_start[];
extern const struct device __device_end[];

const struct device *device_get_binding(const char *name)
{
	if (name == NULL) {
		return NULL;
	}
	for (const struct device *dev = __device_start; dev < __device_end; dev++) {
		if (strcmp(dev->name, name) == 0) {
			return dev;
		}
	}
	return NULL;
}

bool device_is_ready(const struct device *dev)
{
	return dev != NULL && dev->state->initialized && dev->state->init_res == 0;
}
