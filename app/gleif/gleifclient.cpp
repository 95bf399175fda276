#include "gleifclient.h"
