#include "csvdialect.h"
