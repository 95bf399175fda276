#include "exporter.h"

#include "csvfile.h"
#include "enrichmentresults.h"
#include "numberformat.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringEncoder>
#include <QTemporaryFile>

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace Exporter {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Exporter", text);
}

QString fail(QString *error, const QString &path, const QString &message)
{
    *error = QStringLiteral("%1: %2").arg(path, message);
    return *error;
}

QByteArray lineEnd(LineEnding ending)
{
    switch (ending) {
    case LineEnding::LF: return QByteArrayLiteral("\n");
    case LineEnding::CRLF: return QByteArrayLiteral("\r\n");
    case LineEnding::CR: return QByteArrayLiteral("\r");
    }
    return QByteArrayLiteral("\n");
}

bool reportAndCheckCancel(const Progress &progress, qint64 done, qint64 total)
{
    if (progress.progress)
        progress.progress(done, total);
    return progress.cancel && progress.cancel->load();
}

} // namespace

bool write(const CsvFile &file, const EnrichmentResults *results, const QString &path,
           QString *error, const Progress &progress)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"xlsx")
        return writeXlsx(file, results, path, error, progress);
    if (suffix == u"csv")
        return writeCsv(file, results, path, error, progress);
    fail(error, path, tr("choose a file name ending in .csv or .xlsx"));
    return false;
}

bool writeCsv(const CsvFile &file, const EnrichmentResults *results, const QString &path,
              QString *error, const Progress &progress)
{
    const CsvDialect dialect = file.dialect();
    const bool utf16 = dialect.encoding == CsvEncoding::Utf16LE || dialect.encoding == CsvEncoding::Utf16BE;
    const bool cp1252 = dialect.encoding == CsvEncoding::Windows1252;
    const char delimiter = dialect.delimiter;
    const QByteArray eol = lineEnd(dialect.lineEnding);
    const int headerFields = file.columnCount();
    const int fileColumns = file.fileColumnCount();

    // The file's own bytes are UTF-8 (UTF-16 input was transcoded on load) or Windows-1252;
    // new fields are encoded to match, and UTF-16 output is re-encoded a buffer at a time.
    auto encodeField = [&](const QString &text) -> QByteArray {
        QByteArray bytes = cp1252 ? Csv::encodeWindows1252(text) : text.toUtf8();
        if (bytes.contains(delimiter) || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
            bytes.replace('"', QByteArrayLiteral("\"\""));
            bytes = '"' + bytes + '"';
        }
        return bytes;
    };

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        fail(error, path, out.errorString());
        return false;
    }
    QStringEncoder toUtf16(dialect.encoding == CsvEncoding::Utf16BE ? QStringConverter::Utf16BE
                                                                     : QStringConverter::Utf16LE);
    QByteArray buffer;
    buffer.reserve(1 << 21);
    auto flush = [&]() -> bool {
        const QByteArray bytes = utf16 ? QByteArray(toUtf16.encode(QString::fromUtf8(buffer))) : buffer;
        buffer.clear();
        return out.write(bytes) == bytes.size();
    };
    if (dialect.bom) {
        if (utf16)
            out.write(dialect.encoding == CsvEncoding::Utf16BE ? QByteArray("\xFE\xFF", 2) : QByteArray("\xFF\xFE", 2));
        else if (!cp1252)
            out.write("\xEF\xBB\xBF", 3);
    }

    buffer += file.rawHeader();
    for (const QString &name : EnrichmentResults::columnNames())
        buffer += delimiter + encodeField(name);
    buffer += eol;

    // Name, BICs and country are the same for every row of an LEI: encode them once per LEI.
    std::vector<QByteArray> answerBytes(size_t(results ? results->answerCount() : 0));
    QByteArray statusBytes[6];
    for (RowStatus s : Status::kAll)
        statusBytes[size_t(s)] = encodeField(Status::code(s));
    const QByteArray noAnswer = QByteArray(3, delimiter);

    const qint64 rows = file.rowCount();
    for (qint64 row = 0; row < rows; ++row) {
        const QByteArrayView raw = file.rawRow(row);
        // The input's own fields, a short row padded so the new columns line up under their
        // headings; a previous run's added columns are left out; fields past the header (a long
        // row) follow the new columns.
        int found = 0;
        const qsizetype ownEnd = CsvFile::fieldsEnd(raw, headerFields, delimiter, &found);
        buffer += raw.first(ownEnd);
        for (int n = found; n < headerFields; ++n)
            buffer += delimiter;
        const QByteArrayView extra = raw.sliced(fileColumns == headerFields ? ownEnd : CsvFile::fieldsEnd(raw, fileColumns, delimiter));
        const bool enriched = results && row < results->rowCount();
        const qint32 index = enriched ? results->answerIndex(row) : -1;
        const LeiAnswer *answer = index >= 0 ? &results->answerAt(index) : nullptr;
        if (answer && answer->state == LeiAnswer::State::Found) {
            QByteArray &bytes = answerBytes[size_t(index)];
            if (bytes.isEmpty())
                bytes = delimiter + encodeField(answer->legalName) + delimiter + encodeField(answer->bics)
                    + delimiter + encodeField(answer->country);
            buffer += bytes;
        } else {
            buffer += noAnswer;
        }
        buffer += delimiter;
        const RowStatus status = enriched ? results->status(row) : RowStatus::Pending;
        if (status == RowStatus::Ok)
            buffer += Number::shortest(results->cost(row)).toLatin1();
        buffer += delimiter;
        buffer += statusBytes[size_t(status)];
        buffer += extra; // starts with its delimiter
        buffer += eol;
        if (((row & 0xFFFF) == 0xFFFF || row + 1 == rows) && file.hasChanged()) {
            out.cancelWriting();
            fail(error, file.path(), tr("changed while it was being read"));
            return false;
        }
        if (buffer.size() > (1 << 21) - 4096 && !flush()) {
            fail(error, path, out.errorString());
            out.cancelWriting();
            return false;
        }
        if ((row & 0xFFFF) == 0xFFFF) {
            file.releaseRows(row - 0xFFFF, row + 1);
            if (reportAndCheckCancel(progress, row + 1, rows)) {
                out.cancelWriting();
                fail(error, path, tr("export cancelled"));
                return false;
            }
        }
    }
    if (!flush() || !out.commit()) {
        fail(error, path, out.errorString());
        return false;
    }
    reportAndCheckCancel(progress, rows, rows);
    return true;
}

namespace {

// Text that Excel should hold as a number: plain decimal or scientific notation, at most 15
// significant digits (more would be rounded), and no leading zeros (codes like "007").
// Checked on the bytes by hand: a regular expression per cell made a million-row export 3x slower.
bool looksNumeric(QByteArrayView t, double *value)
{
    const qsizetype n = t.size();
    qsizetype i = 0;
    if (n == 0 || n > 40)
        return false;
    if (t[i] == '-' || t[i] == '+')
        ++i;
    const qsizetype intStart = i;
    int digits = 0;
    while (i < n && t[i] >= '0' && t[i] <= '9') {
        ++i;
        ++digits;
    }
    if (digits == 0 || (digits > 1 && t[intStart] == '0'))
        return false;
    if (i < n && t[i] == '.') {
        ++i;
        const int before = digits;
        while (i < n && t[i] >= '0' && t[i] <= '9') {
            ++i;
            ++digits;
        }
        if (digits == before)
            return false;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '-' || t[i] == '+'))
            ++i;
        const qsizetype expStart = i;
        while (i < n && t[i] >= '0' && t[i] <= '9')
            ++i;
        if (i == expStart)
            return false;
    }
    return i == n && digits <= 15 && Number::parse(t, value);
}

// Excel cells hold at most 32,767 characters.
QByteArray cellText(const QString &text)
{
    return (text.size() > 32767 ? text.left(32767) : text).toUtf8();
}

struct WorkbookGuard
{
    lxw_workbook *workbook = nullptr;
    QString tempPath;
    ~WorkbookGuard()
    {
        if (workbook)
            workbook_close(workbook);
        if (!tempPath.isEmpty())
            QFile::remove(tempPath);
    }
};

} // namespace

bool writeXlsx(const CsvFile &file, const EnrichmentResults *results, const QString &path,
               QString *error, const Progress &progress)
{
    const qint64 rows = file.rowCount();
    if (rows > kXlsxMaxDataRows) {
        fail(error, path, tr("%L1 rows do not fit in an XLSX sheet (at most %L2 besides the header); export to CSV instead")
                              .arg(rows).arg(kXlsxMaxDataRows));
        return false;
    }
    const QFileInfo target(path);
    if (target.isDir()) {
        fail(error, path, tr("is a directory"));
        return false;
    }
    // libxlsxwriter writes the file only at close: point it at a temporary name beside the
    // target and rename when it is complete.
    WorkbookGuard guard;
    {
        QTemporaryFile reserve(target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".XXXXXX"));
        reserve.setAutoRemove(false);
        if (!reserve.open()) {
            fail(error, path, tr("cannot write in %1: %2").arg(target.absolutePath(), reserve.errorString()));
            return false;
        }
        guard.tempPath = reserve.fileName();
    }
    const QByteArray tempName = QFile::encodeName(guard.tempPath);
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    guard.workbook = workbook_new_opt(tempName.constData(), &options);
    if (!guard.workbook) {
        fail(error, path, tr("cannot create the workbook"));
        return false;
    }
    lxw_worksheet *sheet = workbook_add_worksheet(guard.workbook, "Enriched");
    lxw_worksheet *failures = workbook_add_worksheet(guard.workbook, "Failures");
    lxw_format *bold = workbook_add_format(guard.workbook);
    format_set_bold(bold);
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_freeze_panes(failures, 1, 0);

    const QStringList header = file.header();
    const int inputColumns = int(header.size());
    const int fileColumns = file.fileColumnCount();
    const int added = int(EnrichmentResults::columnNames().size());
    lxw_col_t col = 0;
    for (const QString &name : header + EnrichmentResults::columnNames())
        worksheet_write_string(sheet, 0, col++, cellText(name).constData(), bold);

    // Machine-read like the CSV columns, so never translated.
    const QStringList failureHeader{QStringLiteral("row"), QStringLiteral("lei"), QStringLiteral("enrichment_status"), QStringLiteral("reason")};
    col = 0;
    for (const QString &name : failureHeader)
        worksheet_write_string(failures, 0, col++, cellText(name).constData(), bold);

    const int leiColumn = results ? results->leiColumn() : file.findColumn();
    const char delimiter = file.dialect().delimiter;
    const CsvEncoding encoding = file.textEncoding();
    // Bytes go to the workbook as they are only when they are certainly valid UTF-8.
    const bool utf8Input = encoding == CsvEncoding::Utf8 && !file.hasInvalidUtf8();
    QByteArray scratch;
    QByteArray utf8;
    std::vector<std::vector<QByteArray>> answerTexts(size_t(results ? results->answerCount() : 0));
    QByteArray statusTexts[6];
    for (RowStatus s : Status::kAll)
        statusTexts[size_t(s)] = Status::code(s).toUtf8();
    lxw_error status = LXW_NO_ERROR;
    auto keep = [&status](lxw_error e) { // the first error wins
        if (status == LXW_NO_ERROR)
            status = e;
    };
    for (qint64 row = 0; row < rows && status == LXW_NO_ERROR; ++row) {
        const lxw_row_t r = lxw_row_t(row + 1);
        const QByteArrayView raw = file.rawRow(row);
        for (qsizetype i = 0, c = 0;; ++i, ++c) { // one pass over the row; ++i: past the delimiter
            const QByteArrayView field = CsvFile::nextField(raw, &i, delimiter, &scratch);
            // The input's own columns, then the new ones; a previous run's added columns are
            // left out, and fields past the header (a long row) follow the new columns.
            const qsizetype to = c < inputColumns ? c : (c >= fileColumns ? c - fileColumns + inputColumns + added : -1);
            double number = 0;
            if (field.isEmpty() || to < 0) {
                // nothing to write
            } else if (c != leiColumn && looksNumeric(field, &number)) {
                keep(worksheet_write_number(sheet, r, lxw_col_t(to), number, nullptr));
            } else {
                utf8 = utf8Input && field.size() <= 32767
                    ? field.toByteArray()
                    : cellText(Csv::decode(encoding, field.data(), field.size())); // cut by characters
                keep(worksheet_write_string(sheet, r, lxw_col_t(to), utf8.constData(), nullptr));
            }
            if (i >= raw.size())
                break;
        }
        const int base = inputColumns;
        const bool enriched = results && row < results->rowCount();
        const qint32 index = enriched ? results->answerIndex(row) : -1;
        if (index >= 0 && results->answerAt(index).state == LeiAnswer::State::Found) {
            // Name, BICs and country converted once per LEI, not once per row.
            auto &texts = answerTexts[size_t(index)];
            if (texts.empty()) {
                const LeiAnswer &a = results->answerAt(index);
                texts = {cellText(a.legalName), cellText(a.bics), cellText(a.country)};
            }
            for (int c = 0; c < 3; ++c)
                if (!texts[size_t(c)].isEmpty())
                    keep(worksheet_write_string(sheet, r, lxw_col_t(base + c), texts[size_t(c)].constData(), nullptr));
        }
        const RowStatus rowStatus = enriched ? results->status(row) : RowStatus::Pending;
        if (rowStatus == RowStatus::Ok)
            keep(worksheet_write_number(sheet, r, lxw_col_t(base + 3), results->cost(row), nullptr));
        keep(worksheet_write_string(sheet, r, lxw_col_t(base + 4), statusTexts[size_t(rowStatus)].constData(), nullptr));
        if (((row & 0xFFFF) == 0xFFFF || row + 1 == rows) && file.hasChanged()) {
            fail(error, file.path(), tr("changed while it was being read"));
            return false;
        }
        if ((row & 0xFFFF) == 0xFFFF) {
            file.releaseRows(row - 0xFFFF, row + 1);
            if (reportAndCheckCancel(progress, row + 1, rows)) {
                fail(error, path, tr("export cancelled"));
                return false;
            }
        }
    }
    if (status != LXW_NO_ERROR) {
        fail(error, path, QString::fromUtf8(lxw_strerror(status)));
        return false;
    }

    if (results) {
        lxw_row_t f = 1;
        for (qint64 row = 0; row < results->rowCount(); ++row) {
            const RowStatus s = results->status(row);
            if (s == RowStatus::Ok)
                continue;
            worksheet_write_number(failures, f, 0, double(row + 1), nullptr);
            const QString lei = leiColumn >= 0 ? file.cell(row, leiColumn) : QString();
            worksheet_write_string(failures, f, 1, cellText(lei).constData(), nullptr);
            worksheet_write_string(failures, f, 2, cellText(Status::code(s)).constData(), nullptr);
            worksheet_write_string(failures, f, 3, cellText(results->reason(row)).constData(), nullptr);
            if (++f > LXW_ROW_MAX - 1)
                break;
        }
    }

    lxw_workbook *workbook = guard.workbook;
    guard.workbook = nullptr;
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR) {
        fail(error, path, QString::fromUtf8(lxw_strerror(closed)));
        return false;
    }
    QFile::setPermissions(guard.tempPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    // rename(2) replaces an existing file in one step.
    if (std::rename(tempName.constData(), QFile::encodeName(path).constData()) != 0) {
        fail(error, path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    guard.tempPath.clear();
    reportAndCheckCancel(progress, rows, rows);
    return true;
}

} // namespace Exporter
