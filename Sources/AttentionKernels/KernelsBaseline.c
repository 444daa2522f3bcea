// The kernels for the build target's baseline instruction set.
#define AK_SUFFIX baseline
#include "KernelBodies.h"
