#include "csvloader.h"
