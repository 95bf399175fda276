#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <utility>
#include <vector>

// Reads the entries of a ZIP file (an XLSX) for tests: Qt 6.4 has no public ZIP reader, and the
// tests must check what the exporter wrote, not only that it wrote something.
QHash<QString, QByteArray> readZip(const QString &path, QString *error);

// A ZIP file holding `entries` (name, bytes) stored uncompressed, with correct CRCs: for tests of
// what a reader makes of a workbook whose parts were cut or damaged.
QByteArray makeZip(const std::vector<std::pair<QString, QByteArray>> &entries);
