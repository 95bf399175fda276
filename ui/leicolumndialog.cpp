#include "leicolumndialog.h"
