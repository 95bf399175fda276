#include "csvtablemodel.h"
