#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

// Writes `bytes` to `name` in `dir` and returns the path; stops the test program if it cannot,
// since every test after it would fail for the wrong reason.
inline QString writeTestFile(const QString &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write test file %s", qPrintable(path));
    return path;
}

inline QByteArray readTestFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
