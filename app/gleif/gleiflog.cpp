#include "gleiflog.h"

Q_LOGGING_CATEGORY(lcGleif, "lei.gleif", QtWarningMsg)
