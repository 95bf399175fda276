#pragma once

#include <QString>

// Files that say whom the analyst trades with (the cache, later the mirror) are kept from other
// users of the machine: folders 0700, files 0600, whatever the umask.
namespace PrivateFiles {

// Creates `folder` and any missing parents with mode 0700 (as the XDG base directory spec asks
// of folders an application creates). An existing folder is left as it is, except `ownFolder`
// (the application's own data folder, which earlier releases created 0755), tightened to 0700.
// False with `error` (naming the folder) on failure.
bool makeFolder(const QString &folder, const QString &ownFolder, QString *error);

// Creates `path` empty with mode 0600 when it does not exist, else sets its mode to 0600.
bool makeFile(const QString &path, QString *error);

// Sets an existing file's mode to exactly 0600; a missing file is fine.
bool restrict(const QString &path, QString *error);

} // namespace PrivateFiles
