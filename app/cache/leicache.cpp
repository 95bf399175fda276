#include "leicache.h"
