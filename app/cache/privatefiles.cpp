#include "privatefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {

constexpr QFileDevice::Permissions FolderMode =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions FileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString shown(const QString &path) { return QDir::toNativeSeparators(path); }

// The mode bits alone: permissions() also reports what the current user may do (the *User flags).
QFileDevice::Permissions modeOf(const QFileInfo &info)
{
    return info.permissions() & QFileDevice::Permissions(0x7077);
}

// QDir::mkdir()'s and QFile::open()'s permissions pass through the umask, which may take
// bits away (a 0277 umask would leave a folder we cannot write): set the mode exactly after.
bool setMode(const QString &path, QFileDevice::Permissions mode, QString *error)
{
    if (QFile::setPermissions(path, mode))
        return true;
    *error = QCoreApplication::translate("PrivateFiles", "cannot make %1 private to its owner").arg(shown(path));
    return false;
}

} // namespace

namespace PrivateFiles {

bool makeFolder(const QString &folder, const QString &ownFolder, QString *error)
{
    const QString target = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    QStringList missing;
    for (QString at = target; !QFileInfo::exists(at);) {
        missing.prepend(at);
        const QString parent = QFileInfo(at).absolutePath();
        if (parent == at)
            break;
        at = parent;
    }
    for (const QString &at : std::as_const(missing)) {
        // Another process may create it first: then it is made private below all the same.
        if (!QDir().mkdir(at, FolderMode) && !QFileInfo(at).isDir()) {
            *error = QCoreApplication::translate("PrivateFiles", "cannot create the folder %1").arg(shown(at));
            return false;
        }
        if (!setMode(at, FolderMode, error))
            return false;
    }
    if (!QFileInfo(target).isDir()) {
        *error = QCoreApplication::translate("PrivateFiles", "%1 is not a folder").arg(shown(target));
        return false;
    }
    if (!ownFolder.isEmpty() && target == QDir::cleanPath(QFileInfo(ownFolder).absoluteFilePath())
        && modeOf(QFileInfo(target)) != FolderMode)
        return setMode(target, FolderMode, error);
    return true;
}

bool makeFile(const QString &path, QString *error)
{
    QFile file(path);
    // NewOnly: never truncates a file another process created meanwhile.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, FileMode) && !QFileInfo::exists(path)) {
        *error = QCoreApplication::translate("PrivateFiles", "cannot create %1: %2").arg(shown(path), file.errorString());
        return false;
    }
    file.close();
    return restrict(path, error);
}

bool restrict(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists() || modeOf(info) == FileMode)
        return true;
    return setMode(path, FileMode, error);
}

} // namespace PrivateFiles
