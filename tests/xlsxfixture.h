#pragma once

#include <QSet>
#include <QString>

// Writes the rows of a CSV file as the first sheet of an .xlsx (libxlsxwriter), the columns in
// `numeric` as numbers and the rest as text, the way an analyst's spreadsheet holds them: for
// tests that compare a workbook's run with the CSV's. `constantMemory`: inline strings.
bool writeCsvAsXlsx(const QString &csv, const QString &xlsx, const QSet<int> &numeric, bool constantMemory = false);
