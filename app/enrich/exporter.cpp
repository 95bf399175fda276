#include "exporter.h"

#include "csvfile.h"
#include "enrichmentresults.h"
#include "numberformat.h"

#include <QCoreApplication>
#include <QDate>
#include <QTimeZone>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QSaveFile>
#include <QStringEncoder>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QtEndian>

#include <xlsxwriter.h>
#include <zlib.h>

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <fcntl.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

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

// The one rule behind isFormulaLike(), for UTF-16 and for ASCII-compatible bytes.
template <typename Char>
bool formulaLike(const Char *p, qsizetype n)
{
    if (n == 0)
        return false;
    if (p[0] == '=' || p[0] == '@' || p[0] == '\t' || p[0] == '\r')
        return true;
    if (p[0] != '-' && p[0] != '+')
        return false;
    // A signed number ("-12.5", "-1.234,5", "+1e5") runs nothing: it stays a number, like the cost.
    qsizetype i = 1;
    int digits = 0;
    for (; i < n && ((p[i] >= '0' && p[i] <= '9') || p[i] == '.' || p[i] == ','); ++i)
        digits += p[i] >= '0' && p[i] <= '9';
    if (digits > 0 && i < n && (p[i] == 'e' || p[i] == 'E')) {
        ++i;
        if (i < n && (p[i] == '+' || p[i] == '-'))
            ++i;
        const qsizetype exponent = i;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            ++i;
        if (i == exponent)
            return true;
    }
    return digits == 0 || i != n;
}

// The row's bytes with a ' in front of every field that isFormulaLike() (inside the quotes of a
// quoted field); `raw` itself when no field needs one.
QByteArrayView neutraliseRow(QByteArrayView raw, char delimiter, QByteArray *out, QByteArray *scratch)
{
    out->clear();
    qsizetype copied = 0;
    for (qsizetype i = 0;; ++i) { // ++i: past the delimiter
        const qsizetype start = i;
        if (isFormulaLike(CsvFile::nextField(raw, &i, delimiter, scratch))) {
            const qsizetype at = raw[start] == '"' ? start + 1 : start;
            out->append(raw.data() + copied, at - copied).append('\'');
            copied = at;
        }
        if (i >= raw.size())
            break;
    }
    if (out->isEmpty())
        return raw;
    out->append(raw.data() + copied, raw.size() - copied);
    return *out;
}

// The first character of `text` that Windows-1252 cannot hold, or an empty string.
QString notInWindows1252(const QString &text)
{
    const QByteArray bytes = Csv::encodeWindows1252(text); // '?' for what it cannot hold
    const QString back = Csv::decodeWindows1252(bytes.constData(), bytes.size());
    for (qsizetype i = 0; i < text.size(); ++i)
        if (back[i] != text[i])
            return text.mid(i, text[i].isHighSurrogate() ? 2 : 1);
    return {};
}

} // namespace

bool isFormulaLike(QStringView text)
{
    return formulaLike(text.utf16(), text.size());
}

bool isFormulaLike(QByteArrayView text)
{
    return formulaLike(text.data(), text.size());
}

QString neutraliseFormula(const QString &text)
{
    return isFormulaLike(text) ? QLatin1Char('\'') + text : text;
}

bool write(const CsvFile &file, const EnrichmentResults *results, const QString &path,
           QString *error, const Progress &progress, const Options &options)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"xlsx")
        return writeXlsx(file, results, path, error, progress, options);
    if (suffix == u"csv")
        return writeCsv(file, results, path, error, progress, options);
    fail(error, path, tr("choose a file name ending in .csv or .xlsx"));
    return false;
}

bool writeCsv(const CsvFile &file, const EnrichmentResults *results, const QString &path,
              QString *error, const Progress &progress, const Options &options)
{
    const CsvDialect dialect = file.dialect();
    const bool utf16 = dialect.encoding == CsvEncoding::Utf16LE || dialect.encoding == CsvEncoding::Utf16BE;
    bool cp1252 = dialect.encoding == CsvEncoding::Windows1252;
    const char delimiter = dialect.delimiter;
    const QByteArray eol = lineEnd(dialect.lineEnding);
    const int headerFields = file.columnCount();
    const int fileColumns = file.fileColumnCount();

    // Added text that Windows-1252 cannot hold ("Sp\u00f3\u0142ka") would turn into '?': the
    // whole file goes out in UTF-8 with a BOM instead, the input's own bytes transcoded too.
    bool toUtf8 = false;
    for (qint64 i = 0; cp1252 && results && i < results->answerCount(); ++i) {
        const LeiAnswer &a = results->answerAt(i);
        if (a.state != LeiAnswer::State::Found)
            continue;
        for (const QString &text : a.values) {
            if (const QString c = notInWindows1252(text); !c.isEmpty()) {
                toUtf8 = true;
                cp1252 = false;
                if (options.notices)
                    options.notices->append(
                        tr("%1: the added text holds characters Windows-1252 cannot hold (such as \"%2\"), "
                           "so the file is written in UTF-8 with a byte order mark instead")
                            .arg(path, c));
                break;
            }
        }
    }
    // The file's own bytes are UTF-8 (UTF-16 input was transcoded on load) or Windows-1252;
    // new fields are encoded to match, and UTF-16 output is re-encoded a block at a time.
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
    auto put = [&](QByteArrayView buffer) -> bool {
        if (!utf16)
            return out.write(buffer.data(), buffer.size()) == buffer.size();
        const QByteArray bytes = toUtf16.encode(QString::fromUtf8(buffer));
        return out.write(bytes) == bytes.size();
    };
    if (dialect.bom || toUtf8) {
        if (utf16)
            out.write(dialect.encoding == CsvEncoding::Utf16BE ? QByteArray("\xFE\xFF", 2) : QByteArray("\xFF\xFE", 2));
        else if (!cp1252)
            out.write("\xEF\xBB\xBF", 3);
    }

    // The input's own bytes as they go out: transcoded and with formulas neutralised, when asked.
    struct Scratch
    {
        QByteArray neutralised, transcoded, field;
    };
    auto ownCells = [&](QByteArrayView raw, Scratch &s) -> QByteArrayView {
        if (options.neutraliseInputFormulas)
            raw = neutraliseRow(raw, delimiter, &s.neutralised, &s.field);
        if (toUtf8) {
            s.transcoded = Csv::decodeWindows1252(raw.data(), raw.size()).toUtf8();
            raw = s.transcoded;
        }
        return raw;
    };

    QByteArray header;
    Scratch headerScratch;
    header += ownCells(file.rawHeader(), headerScratch);
    const QStringList added = results ? results->addedColumnNames() : EnrichmentResults::columnNames();
    for (const QString &name : added)
        header += delimiter + encodeField(name);
    header += eol;
    if (!put(header)) {
        fail(error, path, out.errorString());
        out.cancelWriting();
        return false;
    }

    // The GLEIF fields are the same for every row of an LEI: encoded once per LEI, up front, so
    // the rows can be formatted on several threads reading them.
    std::vector<QByteArray> answerBytes(size_t(results ? results->answerCount() : 0));
    for (size_t index = 0; index < answerBytes.size(); ++index) {
        const LeiAnswer &answer = results->answerAt(qint64(index));
        if (answer.state != LeiAnswer::State::Found)
            continue;
        QByteArray &bytes = answerBytes[index]; // GLEIF's text: never a live formula (the cost is a number)
        for (int c = 0; c < results->fieldCount(); ++c)
            bytes += delimiter + encodeField(neutraliseFormula(answer.values.value(c)));
    }
    QByteArray statusBytes[6];
    for (RowStatus s : Status::kAll)
        statusBytes[size_t(s)] = encodeField(Status::code(s));
    const QByteArray noAnswer = QByteArray(results ? results->fieldCount() : added.size() - 2, delimiter);

    const qint64 rows = options.rows ? qint64(options.rows->size()) : file.rowCount();
    // Rows [from, to) of the output, appended to `buffer`; reads only what is shared read-only.
    auto format = [&](qint64 from, qint64 to, std::string *buffer) {
        Scratch s;
        auto append = [buffer](QByteArrayView bytes) { buffer->append(bytes.data(), size_t(bytes.size())); };
        for (qint64 k = from; k < to; ++k) {
            const qint64 row = options.rows ? qint64((*options.rows)[size_t(k)]) : k;
            const QByteArrayView raw = ownCells(file.rawRow(row), s);
            // The input's own fields, a short row padded so the new columns line up under their
            // headings; a previous run's added columns are left out; fields past the header (a
            // long row) follow the new columns.
            int found = 0;
            const qsizetype ownEnd = CsvFile::fieldsEnd(raw, headerFields, delimiter, &found);
            append(raw.first(ownEnd));
            if (found < headerFields)
                buffer->append(size_t(headerFields - found), delimiter);
            const QByteArrayView extra = raw.sliced(fileColumns == headerFields ? ownEnd : CsvFile::fieldsEnd(raw, fileColumns, delimiter));
            const bool enriched = results && row < results->rowCount();
            const qint32 index = enriched ? results->answerIndex(row) : -1;
            const LeiAnswer *answer = index >= 0 ? &results->answerAt(index) : nullptr;
            append(answer && answer->state == LeiAnswer::State::Found ? answerBytes[size_t(index)] : noAnswer);
            buffer->push_back(delimiter);
            const RowStatus status = enriched ? results->status(row) : RowStatus::Pending;
            if (status == RowStatus::Ok) { // in the input's convention: "1,5" quoted in a comma-separated file
                char cost[48];
                const int n = Number::written(results->cost(row), results->convention(), cost);
                if (std::memchr(cost, delimiter, size_t(n)))
                    append(encodeField(QString::fromLatin1(cost, n)));
                else
                    buffer->append(cost, size_t(n));
            }
            buffer->push_back(delimiter);
            append(statusBytes[size_t(status)]);
            if (results && results->hasMatching()) { // names, LEIs and scores: no formula among them
                for (int c = results->matchColumn(); c < results->matchColumn() + 4; ++c) {
                    buffer->push_back(delimiter);
                    append(encodeField(enriched ? results->field(row, c) : QString()));
                }
            }
            append(extra); // starts with its delimiter
            append(eol);
        }
    };

    // Blocks of rows are formatted on the pool's threads, a few ahead, while this thread writes
    // the finished ones in order: the kernel's copy of the output overlaps the formatting. Each
    // block has its buffer in a ring, reused: memory touched once is faster than fresh pages.
    const qint64 blockRows = std::max<qint64>(1, options.blockRows);
    const int ahead = std::max(2, QThreadPool::globalInstance()->maxThreadCount() + 2);
    std::vector<std::string> ring(static_cast<size_t>(ahead));
    std::deque<QFuture<void>> inFlight; // blocks `done / blockRows` onwards, in order
    qint64 next = 0;                    // the first row not yet handed out
    auto fill = [&] {
        while (next < rows && int(inFlight.size()) < ahead) {
            const qint64 from = next, to = std::min(rows, next + blockRows);
            std::string *buffer = &ring[size_t((from / blockRows) % ahead)];
            inFlight.push_back(QtConcurrent::run([&format, from, to, buffer] {
                buffer->clear(); // keeps its capacity
                format(from, to, buffer);
            }));
            next = to;
        }
    };
    // On failure the blocks still being formatted read the file and the results: wait for them.
    auto stop = [&] {
        for (QFuture<void> &f : inFlight)
            f.waitForFinished();
        out.cancelWriting();
        return false;
    };
    for (qint64 done = 0; done < rows;) {
        fill();
        inFlight.front().waitForFinished();
        const std::string &block = ring[size_t((done / blockRows) % ahead)];
        const qint64 to = std::min(rows, done + blockRows);
        if (file.hasChanged()) {
            fail(error, file.path(), tr("changed while it was being read"));
            return stop();
        }
        if (!put(QByteArrayView(block.data(), qsizetype(block.size())))) {
            fail(error, path, out.errorString());
            return stop();
        }
        inFlight.pop_front(); // its buffer is free for the block after the next ones
#ifdef Q_OS_LINUX
        // The disk starts on what is written so far, so the commit's fsync has little left to wait for.
        ::sync_file_range(out.handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
        if (!options.rows)
            file.releaseRows(done, to);
        done = to;
        if (done < rows && reportAndCheckCancel(progress, done, rows)) {
            fail(error, path, tr("export cancelled"));
            return stop();
        }
    }
    if (progress.cancel && progress.cancel->load()) { // after the last progress report: nothing written
        fail(error, path, tr("export cancelled"));
        out.cancelWriting();
        return false;
    }
    if (!out.commit()) {
        fail(error, path, out.errorString());
        return false;
    }
    reportAndCheckCancel(progress, rows, rows);
    return true;
}

namespace {

bool looksNumericPoint(QByteArrayView t, double *value);

// Text that Excel should hold as a number: plain decimal or scientific notation, at most 15
// significant digits (more would be rounded), and no leading zeros (codes like "007"); with a
// decimal comma ("0,0070956") in a file that writes them. Grouped thousands stay text.
bool looksNumeric(QByteArrayView t, Number::Convention convention, double *value)
{
    if (convention == Number::Convention::Point || !t.contains(','))
        return !(convention == Number::Convention::Comma && t.contains('.')) && looksNumericPoint(t, value);
    QByteArray swapped = t.toByteArray();
    swapped.replace(',', '.');
    return looksNumericPoint(swapped, value);
}

// Checked on the bytes by hand: a regular expression per cell made a million-row export 3x slower.
bool looksNumericPoint(QByteArrayView t, double *value)
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

// "_xHHHH_" at i: what OOXML reads back as the character U+HHHH (ECMA-376 ST_Xstring).
template <typename Char>
bool escapeLike(const Char *p, qsizetype n, qsizetype i)
{
    if (i + 6 >= n || p[i] != '_' || p[i + 1] != 'x' || p[i + 6] != '_')
        return false;
    for (qsizetype k = i + 2; k < i + 6; ++k)
        if (!((p[k] >= '0' && p[k] <= '9') || (p[k] >= 'A' && p[k] <= 'F') || (p[k] >= 'a' && p[k] <= 'f')))
            return false;
    return true;
}

// libxlsxwriter escapes & < > and writes the C0 controls as _xHHHH_; the rest is ours. NUL,
// U+FFFE and U+FFFF are not XML characters at all (U+FFFD instead), and a literal "_xHHHH_"
// has its '_' written as "_x005F_" so that it reads back as itself. Excel cells hold at most
// 32,767 characters.
QByteArray cellText(QStringView text)
{
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), 32767));
    const char16_t *p = text.utf16();
    for (qsizetype i = 0; i < text.size() && out.size() < 32767; ++i) {
        if (p[i] == 0 || p[i] == 0xFFFE || p[i] == 0xFFFF)
            out += QChar(QChar::ReplacementCharacter);
        else if (escapeLike(p, text.size(), i))
            out += u"_x005F_";
        else
            out += QChar(p[i]);
    }
    if (out.size() > 32767)
        out.truncate(32767);
    if (out.size() == 32767 && out.back().isHighSurrogate())
        out.chop(1);
    return out.toUtf8();
}

// Whether UTF-8 bytes hold anything cellText() would change (NUL, U+FFFE, U+FFFF, "_xHHHH_"):
// most cells do not, and go to the workbook as they are.
bool needsCellText(QByteArrayView t)
{
    const qsizetype n = t.size();
    for (qsizetype i = 0; i < n; ++i) {
        const auto b = static_cast<unsigned char>(t[i]);
        if (b == 0 || (b == '_' && escapeLike(t.data(), n, i))
            || (b == 0xEF && i + 2 < n && static_cast<unsigned char>(t[i + 1]) == 0xBF
                && (static_cast<unsigned char>(t[i + 2]) & 0xFE) == 0xBE))
            return true;
    }
    return false;
}

// libxlsxwriter prints doubles with snprintf("%.16G"), which follows LC_NUMERIC: under a German
// locale 0.5 went out as "0,5", which no spreadsheet reads. The C locale for this thread while
// the workbook is written (the GUI exports on a worker thread; other threads are unaffected).
class CNumericScope
{
public:
    CNumericScope() : m_c(newlocale(LC_ALL_MASK, "C", locale_t(0))), m_previous(m_c ? uselocale(m_c) : locale_t(0)) {}
    ~CNumericScope()
    {
        if (m_c) {
            uselocale(m_previous);
            freelocale(m_c);
        }
    }
    CNumericScope(const CNumericScope &) = delete;
    CNumericScope &operator=(const CNumericScope &) = delete;
    bool isActive() const { return m_c != locale_t(0); }

private:
    locale_t m_c;
    locale_t m_previous;
};

// Where a write to `path` lands, found as QSaveFile finds it: through symbolic links.
QString resolvedTarget(const QString &path)
{
    QFileInfo info(path);
    int depth = 128;
    while (--depth && info.isSymLink())
        info.setFile(info.symLinkTarget());
    return depth > 0 ? info.filePath() : path;
}

// An empty file beside `target`, made as QSaveFile makes its own: 0666 less the umask (the
// kernel applies it, so no umask() race with other threads) for a new target, the existing
// target's mode otherwise. QTemporaryFile always makes 0600. Returns its name, empty on failure.
QString createTemporaryBeside(const QFileInfo &target, QString *why)
{
    struct stat existing{};
    const bool exists = ::stat(QFile::encodeName(target.absoluteFilePath()).constData(), &existing) == 0;
    for (int attempt = 0; attempt < 64; ++attempt) {
        const QString name = target.absolutePath() + QStringLiteral("/.") + target.fileName() + QLatin1Char('.')
            + QString::number(QRandomGenerator::global()->generate(), 36);
        const int fd = ::open(QFile::encodeName(name).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                              exists ? 0600 : 0666);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0) {
            *why = QString::fromLocal8Bit(std::strerror(errno));
            return {};
        }
        if (exists)
            ::fchmod(fd, existing.st_mode & 07777);
        ::close(fd);
        return name;
    }
    *why = tr("no free temporary file name");
    return {};
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
               QString *error, const Progress &progress, const Options &options)
{
    const qint64 rows = options.rows ? qint64(options.rows->size()) : file.rowCount();
    const auto fileRow = [&options](qint64 k) { return options.rows ? qint64((*options.rows)[size_t(k)]) : k; };
    if (rows > kXlsxMaxDataRows) {
        fail(error, path, tr("%L1 rows do not fit in an XLSX sheet (at most %L2 besides the header); export to CSV instead")
                              .arg(rows).arg(kXlsxMaxDataRows));
        return false;
    }
    const QFileInfo target(resolvedTarget(path));
    if (target.isDir()) {
        fail(error, path, tr("is a directory"));
        return false;
    }
    if (target.exists() && !target.isWritable()) { // as QSaveFile refuses it for CSV
        fail(error, path, tr("the existing file is not writable"));
        return false;
    }
    const CNumericScope cLocale;
    if (!cLocale.isActive()) {
        fail(error, path, tr("cannot switch to the C locale for writing numbers"));
        return false;
    }
    // libxlsxwriter writes the file only at close: point it at a temporary name beside the
    // target and rename when it is complete. Its own temporary files (one per sheet, in
    // constant_memory mode) go there too rather than to a possibly small system temp folder.
    WorkbookGuard guard;
    QString why;
    guard.tempPath = createTemporaryBeside(target, &why);
    if (guard.tempPath.isEmpty()) {
        fail(error, path, tr("cannot write in %1: %2").arg(target.absolutePath(), why));
        return false;
    }
    const QByteArray tempName = QFile::encodeName(guard.tempPath);
    QByteArray tempDir = QFile::encodeName(target.absolutePath());
    lxw_workbook_options workbookOptions{};
    workbookOptions.constant_memory = LXW_TRUE;
    workbookOptions.use_zip64 = LXW_TRUE;
    workbookOptions.tmpdir = tempDir.data();
    guard.workbook = workbook_new_opt(tempName.constData(), &workbookOptions);
    lxw_worksheet *sheet = guard.workbook ? workbook_add_worksheet(guard.workbook, "Enriched") : nullptr;
    lxw_worksheet *failures = sheet ? workbook_add_worksheet(guard.workbook, "Failures") : nullptr;
    if (!failures) { // also when a sheet's temporary file cannot be made
        fail(error, path, tr("cannot create the workbook in %1").arg(target.absolutePath()));
        return false;
    }
    lxw_format *bold = workbook_add_format(guard.workbook);
    format_set_bold(bold);
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_freeze_panes(failures, 1, 0);

    const QStringList header = file.header();
    const int inputColumns = int(header.size());
    const int fileColumns = file.fileColumnCount();
    const QStringList addedNames = results ? results->addedColumnNames() : EnrichmentResults::columnNames();
    const int added = int(addedNames.size());
    const int gleifFields = results ? results->fieldCount() : added - 2;
    // GLEIF's dates go in as dates (YYYY-MM-DD shown), the rest of its fields as text.
    std::vector<bool> isDate(size_t(gleifFields), false);
    if (results)
        for (int c = 0; c < gleifFields; ++c)
            isDate[size_t(c)] = Fields::info(results->fieldIds()[c]).kind == Fields::Kind::Date;
    lxw_format *dateFormat = workbook_add_format(guard.workbook);
    format_set_num_format(dateFormat, "yyyy-mm-dd");
    std::vector<bool> isDateTime(size_t(gleifFields), false); // dataAsOf: date and time (UTC)
    if (results)
        for (int c = 0; c < gleifFields; ++c)
            isDateTime[size_t(c)] = Fields::info(results->fieldIds()[c]).kind == Fields::Kind::DateTime;
    lxw_format *dateTimeFormat = workbook_add_format(guard.workbook);
    format_set_num_format(dateTimeFormat, "yyyy-mm-dd hh:mm:ss");
    // The cost with thousands separators and two decimals shown; the cell keeps every digit.
    lxw_format *costFormat = workbook_add_format(guard.workbook);
    format_set_num_format(costFormat, "#,##0.00");
    lxw_col_t col = 0;
    for (const QString &name : header + addedNames)
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
    std::string utf8;
    struct AnswerCells
    {
        std::vector<QByteArray> texts;
        std::vector<std::optional<lxw_datetime>> dates; // for the date and date-time fields (UTC)
    };
    std::vector<AnswerCells> answerCells(size_t(results ? results->answerCount() : 0));
    QByteArray statusTexts[6];
    for (RowStatus s : Status::kAll)
        statusTexts[size_t(s)] = Status::code(s).toUtf8();
    lxw_error status = LXW_NO_ERROR;
    auto keep = [&status](lxw_error e) { // the first error wins
        if (status == LXW_NO_ERROR)
            status = e;
    };
    // An input column is written as numbers only when every cell of it is one: in a column of
    // identifiers, "1E5" is an identifier too, not 100000 (one pass ahead, stopping once no
    // column is left to check).
    const Number::Convention convention = results ? results->convention() : Number::Convention::Point;
    std::vector<char> numericColumn(size_t(inputColumns), 1);
    if (leiColumn >= 0 && leiColumn < inputColumns)
        numericColumn[size_t(leiColumn)] = 0;
    for (qint64 k = 0, left = std::count(numericColumn.begin(), numericColumn.end(), 1); k < rows && left > 0; ++k) {
        const QByteArrayView raw = file.rawRow(fileRow(k));
        for (qsizetype i = 0, c = 0; c < inputColumns; ++i, ++c) {
            const QByteArrayView field = CsvFile::nextField(raw, &i, delimiter, &scratch);
            double ignored = 0;
            if (numericColumn[size_t(c)] && !field.isEmpty() && !looksNumeric(field, convention, &ignored)) {
                numericColumn[size_t(c)] = 0;
                --left;
            }
            if (i >= raw.size())
                break;
        }
    }
    // Column widths from the header and the first rows (the GLEIF columns from every answer),
    // in characters, within 8 to 50: set before any row, as constant_memory mode wants.
    {
        std::vector<qsizetype> width;
        for (const QString &name : header + addedNames)
            width.push_back(name.size());
        auto widen = [&width](qsizetype c, qsizetype size) { width[size_t(c)] = std::max(width[size_t(c)], size); };
        for (qint64 k = 0; k < std::min<qint64>(rows, 1000); ++k) {
            const QByteArrayView raw = file.rawRow(fileRow(k));
            for (qsizetype i = 0, c = 0; c < inputColumns; ++i, ++c) {
                // UTF-8 bytes: a few too many for accented text, which only widens the column
                widen(c, CsvFile::nextField(raw, &i, delimiter, &scratch).size());
                if (i >= raw.size())
                    break;
            }
        }
        for (qint64 i = 0; results && i < results->answerCount(); ++i) {
            const LeiAnswer &a = results->answerAt(i);
            for (int c = 0; c < gleifFields && c < a.values.size(); ++c)
                widen(inputColumns + c, a.values.at(c).size());
        }
        widen(inputColumns + gleifFields, 14); // the cost as "#,##0.00" shows it
        for (size_t c = 0; c < width.size(); ++c)
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), double(std::clamp<qsizetype>(width[c] + 2, 8, 50)), nullptr);
        const double failureWidths[] = {10, 24, 18, 60};
        for (lxw_col_t c = 0; c < 4; ++c)
            worksheet_set_column(failures, c, c, failureWidths[c], nullptr);
    }
    for (qint64 k = 0; k < rows && status == LXW_NO_ERROR; ++k) {
        const qint64 row = fileRow(k);
        const lxw_row_t r = lxw_row_t(k + 1);
        const QByteArrayView raw = file.rawRow(row);
        for (qsizetype i = 0, c = 0;; ++i, ++c) { // one pass over the row; ++i: past the delimiter
            const QByteArrayView field = CsvFile::nextField(raw, &i, delimiter, &scratch);
            // The input's own columns, then the new ones; a previous run's added columns are
            // left out, and fields past the header (a long row) follow the new columns.
            const qsizetype to = c < inputColumns ? c : (c >= fileColumns ? c - fileColumns + inputColumns + added : -1);
            double number = 0;
            if (field.isEmpty() || to < 0) {
                // nothing to write
            } else if (c < inputColumns && numericColumn[size_t(c)] && looksNumeric(field, convention, &number)) {
                keep(worksheet_write_number(sheet, r, lxw_col_t(to), number, nullptr));
            } else {
                if (utf8Input && field.size() <= 32767 && !needsCellText(field))
                    utf8.assign(field.data(), size_t(field.size())); // NUL-terminated, no allocation a cell
                else
                    utf8 = cellText(Csv::decode(encoding, field.data(), field.size())).toStdString(); // cut by characters
                keep(worksheet_write_string(sheet, r, lxw_col_t(to), utf8.c_str(), nullptr));
            }
            if (i >= raw.size())
                break;
        }
        const int base = inputColumns;
        const bool enriched = results && row < results->rowCount();
        const qint32 index = enriched ? results->answerIndex(row) : -1;
        if (index >= 0 && results->answerAt(index).state == LeiAnswer::State::Found) {
            // The GLEIF fields converted once per LEI, not once per row.
            AnswerCells &cells = answerCells[size_t(index)];
            if (cells.texts.empty()) {
                const LeiAnswer &a = results->answerAt(index);
                cells.dates.resize(size_t(gleifFields));
                for (int c = 0; c < gleifFields; ++c) {
                    const QString text = a.values.value(c);
                    cells.texts.push_back(cellText(text));
                    QDateTime when;
                    if (isDate[size_t(c)])
                        when = QDate::fromString(text, Qt::ISODate).startOfDay(QTimeZone::utc());
                    else if (isDateTime[size_t(c)])
                        when = QDateTime::fromString(text, Qt::ISODate).toUTC();
                    if (when.isValid()) {
                        const QDate day = when.date();
                        const QTime time = when.time();
                        cells.dates[size_t(c)] = lxw_datetime{day.year(), day.month(), day.day(), time.hour(), time.minute(), double(time.second())};
                    }
                }
            }
            for (int c = 0; c < gleifFields; ++c) {
                const lxw_col_t to = lxw_col_t(base + c);
                if (auto &when = cells.dates[size_t(c)]) {
                    keep(worksheet_write_datetime(sheet, r, to, &*when, isDateTime[size_t(c)] ? dateTimeFormat : dateFormat));
                } else if (!cells.texts[size_t(c)].isEmpty()) {
                    keep(worksheet_write_string(sheet, r, to, cells.texts[size_t(c)].constData(), nullptr));
                }
            }
        }
        const RowStatus rowStatus = enriched ? results->status(row) : RowStatus::Pending;
        if (rowStatus == RowStatus::Ok)
            keep(worksheet_write_number(sheet, r, lxw_col_t(base + gleifFields), results->cost(row), costFormat));
        keep(worksheet_write_string(sheet, r, lxw_col_t(base + gleifFields + 1), statusTexts[size_t(rowStatus)].constData(), nullptr));
        for (int c = gleifFields + 2; enriched && results->hasMatching() && c < gleifFields + 6; ++c) {
            const QString text = results->field(row, c);
            if (c == gleifFields + 3 && !text.isEmpty()) // match_score
                keep(worksheet_write_number(sheet, r, lxw_col_t(base + c), text.toDouble(), nullptr));
            else if (!text.isEmpty())
                keep(worksheet_write_string(sheet, r, lxw_col_t(base + c), cellText(text).constData(), nullptr));
        }
        if (((k & 0xFFFF) == 0xFFFF || k + 1 == rows) && file.hasChanged()) {
            fail(error, file.path(), tr("changed while it was being read"));
            return false;
        }
        if ((row & 0xFFFF) == 0xFFFF) {
            file.releaseRows(row - 0xFFFF, row + 1);
            if (reportAndCheckCancel(progress, k + 1, rows)) {
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
        for (qint64 k = 0; k < rows; ++k) {
            const qint64 row = fileRow(k);
            if (row >= results->rowCount())
                continue;
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

    // libxlsxwriter does not check its writes to the temporary file behind each sheet: a full
    // disk or a file size limit would go unnoticed and the sheet come out cut.
    for (lxw_worksheet *s : {sheet, failures}) {
        if (s->optimize_tmpfile && (std::fflush(s->optimize_tmpfile) != 0 || std::ferror(s->optimize_tmpfile))) {
            fail(error, path, tr("cannot write the workbook's temporary data in %1 (disk full or file too large?)")
                                  .arg(target.absolutePath()));
            return false;
        }
    }
    lxw_workbook *workbook = guard.workbook;
    guard.workbook = nullptr;
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR) {
        fail(error, path, QString::fromUtf8(lxw_strerror(closed)));
        return false;
    }
    // The same for the files the sheets are assembled in at close: read the workbook back.
    if (!checkXlsx(guard.tempPath, &why)) {
        fail(error, path, tr("the workbook came out damaged (%1); is the disk full?").arg(why));
        return false;
    }
    // A cancel that came after the last progress report still counts: nothing is renamed.
    if (progress.cancel && progress.cancel->load()) {
        fail(error, path, tr("export cancelled"));
        return false;
    }
    // As QSaveFile::commit() does: on disk before the rename makes it the file.
    if (const int fd = ::open(tempName.constData(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    // rename(2) replaces an existing file in one step.
    if (std::rename(tempName.constData(), QFile::encodeName(target.filePath()).constData()) != 0) {
        fail(error, path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    guard.tempPath.clear();
    reportAndCheckCancel(progress, rows, rows);
    return true;
}

namespace {

// The name of the root element of an XML document that starts with `head`.
QByteArray rootElement(QByteArrayView head)
{
    qsizetype i = 0;
    for (;;) {
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
            ++i;
        if (head.sliced(i).startsWith("<?")) { // the XML declaration
            const qsizetype end = head.indexOf("?>", i);
            if (end < 0)
                return {};
            i = end + 2;
            continue;
        }
        break;
    }
    if (i >= head.size() || head[i] != '<')
        return {};
    const qsizetype start = ++i;
    while (i < head.size() && head[i] != ' ' && head[i] != '>' && head[i] != '/' && head[i] != '\n' && head[i] != '\r')
        ++i;
    return head.sliced(start, i - start).toByteArray();
}

} // namespace

bool checkXlsx(const QString &path, QString *why)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *why = f.errorString();
        return false;
    }
    const qint64 size = f.size();
    const uchar *d = size >= 22 ? f.map(0, size) : nullptr;
    if (!d) {
        *why = size >= 22 ? f.errorString() : tr("not a ZIP file");
        return false;
    }
    auto u16 = [d](quint64 at) { return qFromLittleEndian<quint16>(d + at); };
    auto u32 = [d](quint64 at) { return qFromLittleEndian<quint32>(d + at); };
    auto u64 = [d](quint64 at) { return qFromLittleEndian<quint64>(d + at); };
    auto bad = [why](const QString &what) {
        *why = what;
        return false;
    };

    // The end of central directory record: the last "PK\5\6" within the final 64 KiB.
    qint64 eocd = size - 22;
    while (eocd >= 0 && eocd >= size - 22 - 65535 && u32(quint64(eocd)) != 0x06054b50)
        --eocd;
    if (eocd < 0 || eocd < size - 22 - 65535)
        return bad(tr("no ZIP central directory"));
    quint64 entries = u16(eocd + 10), cdSize = u32(eocd + 12), cdOffset = u32(eocd + 16);
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        // ZIP64: a locator just before points to the ZIP64 end record.
        if (eocd < 20 || u32(eocd - 20) != 0x07064b50)
            return bad(tr("no ZIP64 central directory"));
        const quint64 record = u64(eocd - 20 + 8);
        if (record + 56 > quint64(eocd) || u32(record) != 0x06064b50)
            return bad(tr("no ZIP64 central directory"));
        entries = u64(record + 32);
        cdSize = u64(record + 40);
        cdOffset = u64(record + 48);
    }
    if (cdOffset > quint64(size) || cdSize > quint64(size) - cdOffset)
        return bad(tr("the ZIP central directory lies outside the file"));

    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return bad(tr("out of memory"));
    const auto endInflate = qScopeGuard([&z] { inflateEnd(&z); });
    std::vector<Bytef> buffer(size_t(1) << 18);
    QSet<QString> names;
    const quint64 cdEnd = cdOffset + cdSize;
    quint64 at = cdOffset;
    for (quint64 e = 0; e < entries; ++e) {
        if (at + 46 > cdEnd || u32(at) != 0x02014b50)
            return bad(tr("the ZIP central directory is damaged"));
        const int method = u16(at + 10);
        quint64 packed = u32(at + 20), unpacked = u32(at + 24), local = u32(at + 42);
        const quint64 nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32);
        if (at + 46 + nameLength + extraLength + commentLength > cdEnd)
            return bad(tr("the ZIP central directory is damaged"));
        const QString name = QString::fromUtf8(reinterpret_cast<const char *>(d + at + 46), qsizetype(nameLength));
        // ZIP64 extra field: the fields that are 0xFFFFFFFF above follow in this order.
        for (quint64 x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
            const quint64 id = u16(x), length = u16(x + 2);
            quint64 p = x + 4;
            const quint64 end = qMin(p + length, at + 46 + nameLength + extraLength);
            if (id == 1) {
                for (quint64 *field : {&unpacked, &packed, &local}) {
                    if (*field == 0xFFFFFFFF && p + 8 <= end) {
                        *field = u64(p);
                        p += 8;
                    }
                }
            }
            x = end;
        }
        at += 46 + nameLength + extraLength + commentLength;
        if (local + 30 > cdOffset || u32(local) != 0x04034b50)
            return bad(tr("%1: no local header").arg(name));
        const quint64 data = local + 30 + u16(local + 26) + u16(local + 28);
        if (data > cdOffset || packed > cdOffset - data)
            return bad(tr("%1 is cut short").arg(name));

        // Inflate it all: the stream's end and the size say the ZIP is whole, the tail whether
        // the part was whole before it went into the ZIP. (No CRC: it would add a quarter to the
        // cost and catches bit flips, not the cut files this is about.)
        quint64 total = 0;
        QByteArray head, tail;
        auto take = [&](const Bytef *p, size_t n) {
            total += n;
            if (head.size() < 512)
                head.append(reinterpret_cast<const char *>(p), qsizetype(qMin<size_t>(n, size_t(512 - head.size()))));
            tail.append(reinterpret_cast<const char *>(p + (n > 64 ? n - 64 : 0)), qsizetype(qMin<size_t>(n, 64)));
            if (tail.size() > 64)
                tail.remove(0, tail.size() - 64);
        };
        if (method == 0) {
            take(d + data, size_t(packed));
        } else if (method == Z_DEFLATED) {
            inflateReset(&z);
            quint64 fed = 0;
            int rc = Z_OK;
            while (rc != Z_STREAM_END) {
                if (z.avail_in == 0) {
                    const quint64 chunk = qMin<quint64>(packed - fed, 1u << 30);
                    z.next_in = const_cast<Bytef *>(d + data + fed);
                    z.avail_in = uInt(chunk);
                    fed += chunk;
                }
                z.next_out = buffer.data();
                z.avail_out = uInt(buffer.size());
                rc = inflate(&z, Z_NO_FLUSH);
                if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                    return bad(tr("%1 does not inflate").arg(name));
                const size_t produced = buffer.size() - z.avail_out;
                take(buffer.data(), produced);
                if (rc == Z_BUF_ERROR || (rc == Z_OK && produced == 0 && z.avail_in == 0 && fed == packed))
                    return bad(tr("%1 is cut short").arg(name));
            }
        } else {
            return bad(tr("%1: unknown compression method %2").arg(name).arg(method));
        }
        if (total != unpacked)
            return bad(tr("%1 is damaged (its size is wrong)").arg(name));
        if (name.endsWith(u".xml") || name.endsWith(u".rels")) {
            const QByteArray root = rootElement(head);
            if (root.isEmpty() || !tail.trimmed().endsWith(QByteArray("</" + root + '>')))
                return bad(tr("%1 is cut short").arg(name));
        }
        names.insert(name);
    }
    for (const char *part : {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"})
        if (!names.contains(QLatin1String(part)))
            return bad(tr("%1 is missing").arg(QLatin1String(part)));
    return true;
}

} // namespace Exporter
