#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

// Reads the entries of a ZIP file (an XLSX) for tests: Qt 6.4 has no public ZIP reader, and the
// tests must check what the exporter wrote, not only that it wrote something.
QHash<QString, QByteArray> readZip(const QString &path, QString *error);
