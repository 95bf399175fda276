#include "csvfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>
#include <cstring>
#include <iterator>

#ifdef Q_OS_LINUX
#include <csignal>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CsvFile", text);
}

constexpr qint64 kSniffBytes = 64 * 1024;
constexpr qint64 kChunkBytes = 4 * 1024 * 1024;
constexpr int kMaxStoredProblems = 100000;

// Length of the valid UTF-8 sequence starting at p (2 to 4), or 0 when it is not valid.
int utf8SequenceLength(const uchar *p, qint64 remaining)
{
    const uchar b = p[0];
    auto cont = [&](int k) { return k < remaining && (p[k] & 0xC0) == 0x80; };
    if (b >= 0xC2 && b <= 0xDF)
        return cont(1) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        if (remaining < 3 || !cont(1) || !cont(2))
            return 0;
        if ((b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] > 0x9F))
            return 0; // overlong, or a UTF-16 surrogate
        return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        if (remaining < 4 || !cont(1) || !cont(2) || !cont(3))
            return 0;
        if ((b == 0xF0 && p[1] < 0x90) || (b == 0xF4 && p[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

struct Utf8Scan
{
    qint64 invalid = 0;
    qint64 multibyte = 0;
    qint64 firstInvalidOffset = -1;
};

// Scans a sample of the file; a sequence cut off by the sample's end is not counted.
Utf8Scan scanUtf8(const char *data, qint64 size)
{
    Utf8Scan s;
    const auto *d = reinterpret_cast<const uchar *>(data);
    for (qint64 i = 0; i < size;) {
        if (d[i] < 0x80) {
            ++i;
            continue;
        }
        const int len = utf8SequenceLength(d + i, size - i);
        if (len == 0 && size - i < 4 && d[i] >= 0xC2 && d[i] <= 0xF4)
            break;
        if (len == 0) {
            if (s.firstInvalidOffset < 0)
                s.firstInvalidOffset = i;
            ++s.invalid;
            ++i;
        } else {
            ++s.multibyte;
            i += len;
        }
    }
    return s;
}

// Finds where the header row starting at `from` ends (just past its line ending), by the
// same quoting rules as the data rows.
qint64 scanHeader(const char *d, qint64 size, qint64 from, char delimiter, int *fields,
                  qint64 *newlines, std::optional<LineEnding> *ending)
{
    Csv::Scanner scanner(delimiter);
    *fields = 1;
    *newlines = 0;
    for (qsizetype i = from; i < size;) {
        const qsizetype at = i;
        switch (scanner.step(d, size, &i)) {
        case Csv::Scanner::Delimiter:
            ++*fields;
            break;
        case Csv::Scanner::QuotedLineEnd:
            ++*newlines;
            break;
        case Csv::Scanner::RowEnd:
        case Csv::Scanner::BlankLine:
            ++*newlines;
            *ending = d[at] == '\n' ? LineEnding::LF : (i - at == 2 ? LineEnding::CRLF : LineEnding::CR);
            return i;
        default:
            break;
        }
    }
    return size;
}

// The columns a default run adds, in order. Only exactly the coming run's columns at the
// header's end are a previous run's: a name from the wider Fields catalogue before them is the
// input's own (its `category`, say).
constexpr const char *kAddedColumns[] = {"legalName", "bic", "country", "transaction_costs", "enrichment_status"};

// How many of the header's last columns a previous run added: all of `added` (kAddedColumns
// when empty), or none. At least one column is left as the input's.
int previousEnrichmentColumns(const QStringList &header, QStringList added)
{
    if (added.isEmpty())
        for (const char *name : kAddedColumns)
            added << QLatin1String(name);
    const qsizetype n = header.size(), count = added.size();
    if (n <= count)
        return 0;
    for (qsizetype k = 0; k < count; ++k)
        if (header[n - count + k].trimmed() != added[k])
            return 0;
    return int(count);
}

#ifdef Q_OS_LINUX
// Mapped files register their region here. Reading a page of a file that was cut short while
// mapped raises SIGBUS; the handler maps zeros over the rest of the region and flags the file,
// so the read goes on and the change is reported instead of the process dying. Lock-free: the
// handler may run on any thread at any moment.
struct MappedRegion
{
    // Odd while the slot's owner is (un)registering it. The handler trusts start and length only
    // when it read the same even value before and after them: a slot unregistered and taken again
    // in between (often for a mapping at the same address) could otherwise pair one region's start
    // with another's length, and MAP_FIXED would zero memory that is not the faulting file's.
    std::atomic<unsigned> sequence{0};
    std::atomic<char *> start{nullptr};
    std::atomic<size_t> length{0};
    std::atomic_bool changed{false};
    std::atomic_bool used{false};
};
constexpr int kMaxRegions = 64;
MappedRegion g_regions[kMaxRegions];
struct sigaction g_previousSigbus;
size_t g_pageSize = 4096;

void onSigbus(int sig, siginfo_t *info, void *context)
{
    char *const address = static_cast<char *>(info->si_addr);
    for (MappedRegion &r : g_regions) {
        const unsigned sequence = r.sequence.load();
        char *const start = r.start.load();
        const size_t length = r.length.load();
        if ((sequence & 1) || r.sequence.load() != sequence)
            continue; // changing under us: not a region a read of ours can be in
        if (!start || address < start || address >= start + length)
            continue;
        char *const page = start + size_t(address - start) / g_pageSize * g_pageSize;
        // mmap is not on POSIX's list of async-signal-safe calls but is a plain system call on
        // Linux; replacing the lost pages is the usual way to survive a truncated mapping.
        if (mmap(page, size_t(start + length - page), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            == MAP_FAILED)
            break;
        r.changed.store(true);
        return;
    }
    // Not a mapped CSV file: what handled SIGBUS before does, by default ending the process
    // when the access repeats.
    if ((g_previousSigbus.sa_flags & SA_SIGINFO) && g_previousSigbus.sa_sigaction) {
        g_previousSigbus.sa_sigaction(sig, info, context);
    } else if (g_previousSigbus.sa_handler != SIG_DFL && g_previousSigbus.sa_handler != SIG_IGN) {
        g_previousSigbus.sa_handler(sig);
    } else {
        struct sigaction fallback{};
        fallback.sa_handler = SIG_DFL;
        sigaction(SIGBUS, &fallback, nullptr);
    }
}

// A slot for the region, or -1 when all are taken (the caller then reads the file instead).
int registerRegion(const char *start, qint64 size)
{
    static std::once_flag installed;
    std::call_once(installed, [] {
        g_pageSize = size_t(sysconf(_SC_PAGESIZE));
        struct sigaction action{};
        action.sa_sigaction = onSigbus;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        sigaction(SIGBUS, &action, &g_previousSigbus);
    });
    for (int k = 0; k < kMaxRegions; ++k) {
        bool expected = false;
        if (g_regions[k].used.compare_exchange_strong(expected, true)) {
            g_regions[k].sequence.fetch_add(1);
            g_regions[k].changed.store(false);
            g_regions[k].length.store((size_t(size) + g_pageSize - 1) / g_pageSize * g_pageSize);
            g_regions[k].start.store(const_cast<char *>(start));
            g_regions[k].sequence.fetch_add(1);
            return k;
        }
    }
    return -1;
}

void unregisterRegion(int k)
{
    g_regions[k].sequence.fetch_add(1);
    g_regions[k].start.store(nullptr);
    g_regions[k].length.store(0);
    g_regions[k].sequence.fetch_add(1);
    g_regions[k].used.store(false);
}

struct FileIdentity
{
    qint64 size = -1, inode = -1, device = -1, mtimeNs = -1;
};

FileIdentity identityOf(const struct stat &st)
{
    return {qint64(st.st_size), qint64(st.st_ino), qint64(st.st_dev),
            qint64(st.st_mtim.tv_sec) * 1000000000 + qint64(st.st_mtim.tv_nsec)};
}
#endif

QByteArrayView trimLineEnds(QByteArrayView v)
{
    qsizetype b = 0, e = v.size();
    while (b < e && (v[b] == '\n' || v[b] == '\r'))
        ++b;
    while (e > b && (v[e - 1] == '\n' || v[e - 1] == '\r'))
        --e;
    return v.sliced(b, e - b);
}

} // namespace

QString CsvProblem::message() const
{
    // Explicit context: lupdate would file a plain tr() here under "CsvProblem".
    switch (kind) {
    case Kind::FieldCount:
        return QCoreApplication::translate("CsvFile", "line %1: row %2 has %3 fields, the header has a different number")
            .arg(line).arg(row + 1).arg(fields);
    case Kind::UnclosedQuote:
        return QCoreApplication::translate("CsvFile", "line %1: a quoted field is never closed (row %2 runs to the end of the file)")
            .arg(line).arg(row + 1);
    case Kind::InvalidUtf8:
        return QCoreApplication::translate("CsvFile", "line %1: bytes that are not valid UTF-8").arg(line);
    }
    return {};
}

CsvFile::~CsvFile()
{
#ifdef Q_OS_LINUX
    if (m_region >= 0)
        unregisterRegion(m_region); // before m_file unmaps the pages
#endif
}

std::shared_ptr<CsvFile> CsvFile::open(const QString &path, const CsvOptions &options,
                                       QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, message);
        return std::shared_ptr<CsvFile>();
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(tr("no such file"));
    if (info.isDir())
        return fail(tr("is a directory, not a CSV file"));

    std::shared_ptr<CsvFile> f(new CsvFile);
    f->m_path = path;
    f->m_file = std::make_unique<QFile>(path);
    if (!f->m_file->open(QIODevice::ReadOnly))
        return fail(tr("cannot open: %1").arg(f->m_file->errorString()));
    const qint64 size = f->m_file->size();
    if (size == 0)
        return fail(tr("the file is empty (no header row)"));

    f->m_openedSize = size;
#ifdef Q_OS_LINUX
    struct stat opened{};
    if (::fstat(f->m_file->handle(), &opened) == 0) {
        const FileIdentity id = identityOf(opened);
        f->m_openedSize = id.size;
        f->m_openedInode = id.inode;
        f->m_openedDevice = id.device;
        f->m_openedMtimeNs = id.mtimeNs;
    }
#endif
    // Mapping keeps memory flat for large files; a device that cannot be mapped is read.
    uchar *mapped = f->m_file->map(0, size);
#ifdef Q_OS_LINUX
    if (mapped) {
        f->m_region = registerRegion(reinterpret_cast<const char *>(mapped), size);
        if (f->m_region < 0) { // no slot for the SIGBUS handler: the file is read instead
            f->m_file->unmap(mapped);
            mapped = nullptr;
        }
    }
#endif
    if (mapped) {
        f->m_data = reinterpret_cast<const char *>(mapped);
        f->m_size = size;
    } else {
        f->m_owned = f->m_file->readAll();
        if (f->m_owned.size() != size)
            return fail(tr("cannot read: %1").arg(f->m_file->errorString()));
        f->m_data = f->m_owned.constData();
        f->m_size = f->m_owned.size();
    }

    // Encoding: BOM first, then the user's choice, then UTF-8 validity of the first 64 kB.
    const auto *u = reinterpret_cast<const uchar *>(f->m_data);
    std::optional<CsvEncoding> utf16;
    qint64 bomLength = 0;
    if (f->m_size >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        f->m_bom = true;
        bomLength = 3;
    } else if (f->m_size >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        f->m_bom = true;
        bomLength = 2;
        utf16 = CsvEncoding::Utf16LE;
    } else if (f->m_size >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        f->m_bom = true;
        bomLength = 2;
        utf16 = CsvEncoding::Utf16BE;
    } else if (options.encoding == CsvEncoding::Utf16LE || options.encoding == CsvEncoding::Utf16BE) {
        utf16 = options.encoding;
    }

    if (utf16) {
        // UTF-16 input is rare: transcode it once to UTF-8 and index that.
        QStringDecoder decoder(*utf16 == CsvEncoding::Utf16LE ? QStringConverter::Utf16LE
                                                               : QStringConverter::Utf16BE);
        const QString text = decoder.decode(QByteArrayView(f->m_data + bomLength,
                                                           f->m_size - bomLength));
        f->m_owned = text.toUtf8();
#ifdef Q_OS_LINUX
        if (f->m_region >= 0) {
            unregisterRegion(f->m_region);
            f->m_region = -1;
        }
#endif
        f->m_file->unmap(reinterpret_cast<uchar *>(const_cast<char *>(f->m_data)));
        f->m_data = f->m_owned.constData();
        f->m_size = f->m_owned.size();
        bomLength = 0;
        f->m_sourceEncoding = int(*utf16);
        f->m_decodeEncoding = int(CsvEncoding::Utf8);
    } else {
        const qint64 sampleSize = qMin(kSniffBytes, f->m_size - bomLength);
        if (std::memchr(f->m_data + bomLength, '\0', size_t(sampleSize)))
            return fail(tr("looks like a binary file, not CSV text (it contains NUL bytes)"));
        CsvEncoding encoding = CsvEncoding::Utf8;
        if (options.encoding) {
            encoding = *options.encoding;
        } else if (!f->m_bom) {
            const Utf8Scan sample = scanUtf8(f->m_data, sampleSize);
            if (sample.invalid > 0 && sample.multibyte == 0)
                encoding = CsvEncoding::Windows1252;
        }
        f->m_sourceEncoding = int(encoding);
        f->m_encodingChosen = options.encoding.has_value();
        f->m_decodeEncoding = int(encoding);
    }

    const qint64 start = bomLength;
    if (f->m_size - start <= 0)
        return fail(tr("the file is empty (no header row)"));
    f->m_delimiter = options.delimiter
        ? *options.delimiter
        : Csv::sniffDelimiter(QByteArrayView(f->m_data + start, qMin(kSniffBytes, f->m_size - start)));

    int fields = 0;
    qint64 newlines = 0;
    std::optional<LineEnding> ending;
    const qint64 headerEnd = scanHeader(f->m_data, f->m_size, start, f->m_delimiter, &fields,
                                        &newlines, &ending);
    f->m_headerRaw = trimLineEnds(QByteArrayView(f->m_data + start, headerEnd - start)).toByteArray();
    if (f->m_headerRaw.trimmed().isEmpty())
        return fail(tr("the first line is empty: expected a header row"));
    f->m_headerFieldCount = fields;
    f->m_maxFields = fields;
    // A previous run's output fed in again: its added columns are left out, to be replaced.
    const QStringList fullHeader = f->header();
    const int previous = previousEnrichmentColumns(fullHeader, options.addedColumns);
    f->m_replacedColumns = fullHeader.mid(fields - previous);
    f->m_columns = fields - previous;
    f->m_headerRaw.truncate(fieldsEnd(f->m_headerRaw, f->m_columns, f->m_delimiter));
    f->m_lineEnding = ending.value_or(LineEnding::LF);
    f->m_dataStart = headerEnd;
    f->m_headerLines = newlines;
    f->m_blocks.resize(size_t((f->m_size - headerEnd + 1) / kBlockSize + 2));
    return f;
}

std::shared_ptr<CsvFile> CsvFile::load(const QString &path, const CsvOptions &options,
                                       QString *error)
{
    auto f = open(path, options, error);
    if (f)
        f->index();
    return f;
}

void CsvFile::appendRowEnd(qint64 end)
{
    const qint64 block = m_indexed >> kBlockShift;
    auto &b = m_blocks[size_t(block)];
    if (!b)
        b.reset(new qint64[kBlockSize]);
    b[m_indexed & (kBlockSize - 1)] = end;
    ++m_indexed;
}

void CsvFile::addProblem(CsvProblem problem)
{
    QMutexLocker lock(&m_problemsMutex);
    ++m_problemCount;
    if (m_problems.size() < kMaxStoredProblems)
        m_problems.append(std::move(problem));
}

bool CsvFile::index(const IndexObserver &observer)
{
    const bool detectEncoding = !m_encodingChosen && CsvEncoding(m_sourceEncoding.load()) == CsvEncoding::Utf8
        && m_decodeEncoding.load() == int(CsvEncoding::Utf8);
    const auto *d = reinterpret_cast<const uchar *>(m_data);
    const qint64 n = m_size;
    const int expectedFields = m_headerFieldCount;
    Csv::Scanner scanner(m_delimiter);
    // Bytes that can change the state; everything else is skipped in a tight loop.
    bool special[256] = {};
    for (int b = 0; b < 256; ++b)
        special[b] = b >= 0x80 || !scanner.isPlain(char(b));

    int fields = 1;
    int maxFields = m_maxFields.load();
    qint64 line = m_headerLines + 1;  // line the current row starts on
    qint64 currentLine = line;
    qint64 quoteLine = 0;
    Utf8Scan utf8;
    qint64 i = m_dataStart;
    qint64 released = m_dataStart;

    auto endRow = [&](qint64 end) {
        if (fields != expectedFields) {
            CsvProblem p;
            p.kind = CsvProblem::Kind::FieldCount;
            p.row = m_indexed;
            p.line = line;
            p.fields = fields;
            addProblem(p);
            if (fields > expectedFields) {
                m_longRows.push_back(m_indexed);
                maxFields = qMax(maxFields, fields);
            } else {
                m_shortRows.push_back(m_indexed);
            }
        }
        appendRowEnd(end);
        fields = 1;
        line = currentLine;
    };

    while (i < n) {
        const qint64 chunkEnd = qMin(n, i + kChunkBytes);
        while (i < chunkEnd) {
            const Csv::Scanner::State state = scanner.state();
            if (state == Csv::Scanner::Unquoted || state == Csv::Scanner::Quoted) {
                while (i < chunkEnd && !special[d[i]])
                    ++i;
                if (i >= chunkEnd)
                    break;
            }
            if (d[i] >= 0x80) {
                const int len = utf8SequenceLength(d + i, n - i);
                if (len == 0) {
                    if (utf8.firstInvalidOffset < 0) {
                        utf8.firstInvalidOffset = i;
                        m_firstInvalidLine = currentLine;
                    }
                    ++utf8.invalid;
                    ++i;
                } else {
                    ++utf8.multibyte;
                    i += len;
                }
                scanner.plain();
                continue;
            }
            switch (scanner.step(m_data, n, &i)) {
            case Csv::Scanner::Delimiter:
                ++fields;
                break;
            case Csv::Scanner::RowEnd:
                ++currentLine;
                endRow(i);
                break;
            case Csv::Scanner::BlankLine: // not a row
                ++currentLine;
                line = currentLine;
                break;
            case Csv::Scanner::QuotedLineEnd:
                ++currentLine;
                break;
            case Csv::Scanner::QuoteOpened:
                quoteLine = currentLine;
                break;
            case Csv::Scanner::Text:
                break;
            }
        }
        m_maxFields.store(maxFields, std::memory_order_release);
        m_published.store(m_indexed, std::memory_order_release);
        releaseBytes(released, i);
        released = i;
        if (observer.progress)
            observer.progress(m_indexed, i, n);
        if (observer.cancel && observer.cancel->load())
            return false;
    }

    if (scanner.state() == Csv::Scanner::Quoted) {
        CsvProblem p;
        p.kind = CsvProblem::Kind::UnclosedQuote;
        p.row = m_indexed;
        p.line = quoteLine;
        addProblem(p);
    }
    if (scanner.state() != Csv::Scanner::RowStart)
        endRow(n);
    m_maxFields.store(maxFields, std::memory_order_release);

    if (utf8.invalid > 0 && CsvEncoding(m_decodeEncoding.load()) == CsvEncoding::Utf8) {
        if (detectEncoding && utf8.multibyte == 0) {
            m_sourceEncoding.store(int(CsvEncoding::Windows1252));
            m_decodeEncoding.store(int(CsvEncoding::Windows1252));
            m_encodingNote = tr("not valid UTF-8 (first at line %1): read as Windows-1252")
                                 .arg(m_firstInvalidLine);
        } else {
            // Counted outside the call: lupdate 6.4 loops forever on a template argument in it.
            const int invalidBytes = int(qMin<qint64>(utf8.invalid, INT_MAX));
            m_encodingNote = QCoreApplication::translate(
                                 "CsvFile", "%n byte(s) that are not valid UTF-8 (first at line %1), shown as \uFFFD",
                                 nullptr, invalidBytes)
                                 .arg(m_firstInvalidLine);
            m_invalidUtf8.store(true);
            CsvProblem p;
            p.kind = CsvProblem::Kind::InvalidUtf8;
            p.line = m_firstInvalidLine;
            addProblem(p);
        }
    }
    m_published.store(m_indexed, std::memory_order_release);
    m_complete.store(true, std::memory_order_release);
    if (observer.progress)
        observer.progress(m_indexed, n, n);
    return true;
}

void CsvFile::releaseBytes(qint64 from, qint64 to) const
{
#ifdef Q_OS_LINUX
    if (!m_owned.isEmpty())
        return; // not a mapping
    static const qint64 page = sysconf(_SC_PAGESIZE);
    const qint64 begin = (from / page) * page;
    const qint64 end = (to / page) * page;
    if (end > begin)
        madvise(const_cast<char *>(m_data) + begin, size_t(end - begin), MADV_DONTNEED);
#else
    Q_UNUSED(from);
    Q_UNUSED(to);
#endif
}

void CsvFile::releaseRows(qint64 first, qint64 end) const
{
    if (first < 0 || end <= first || end > rowCount())
        return;
    releaseBytes(first == 0 ? m_dataStart : rowEnd(first - 1), rowEnd(end - 1));
}

CsvDialect CsvFile::dialect() const
{
    CsvDialect d;
    d.delimiter = m_delimiter;
    d.encoding = CsvEncoding(m_sourceEncoding.load());
    d.bom = m_bom;
    d.lineEnding = m_lineEnding;
    return d;
}

QStringList CsvFile::header() const
{
    return splitRow(m_headerRaw, m_delimiter, CsvEncoding(m_decodeEncoding.load()));
}

qint64 CsvFile::rowEnd(qint64 row) const
{
    return m_blocks[size_t(row >> kBlockShift)][row & (kBlockSize - 1)];
}

QByteArrayView CsvFile::rawRow(qint64 row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const qint64 begin = row == 0 ? m_dataStart : rowEnd(row - 1);
    return trimLineEnds(QByteArrayView(m_data + begin, rowEnd(row) - begin));
}

QStringList CsvFile::row(qint64 r) const
{
    return splitRow(rawRow(r), m_delimiter, CsvEncoding(m_decodeEncoding.load()));
}

QByteArrayView CsvFile::rawField(qint64 r, int column, QByteArray *scratch) const
{
    // Skips to the field without decoding the others.
    const QByteArrayView raw = rawRow(r);
    const char *d = raw.data();
    const qsizetype n = raw.size();
    if (!std::memchr(d, '"', size_t(n))) {
        // No quotes in the row (the usual case): hop from delimiter to delimiter.
        const char *p = d;
        const char *end = d + n;
        for (int c = 0; c < column; ++c) {
            p = static_cast<const char *>(std::memchr(p, m_delimiter, size_t(end - p)));
            if (!p)
                return {};
            ++p;
        }
        const char *stop = static_cast<const char *>(std::memchr(p, m_delimiter, size_t(end - p)));
        return QByteArrayView(p, (stop ? stop : end) - p);
    }
    // Quotes count only at the start of a field, as in index() and splitRow().
    qsizetype i = 0;
    for (int c = 0; c < column; ++c) {
        i = fieldEnd(d, n, i, m_delimiter, nullptr);
        if (i >= n)
            return {};
        ++i;
    }
    return nextField(raw, &i, m_delimiter, scratch);
}

QString CsvFile::cell(qint64 r, int column) const
{
    QByteArray scratch;
    const QByteArrayView field = rawField(r, column, &scratch);
    return Csv::decode(textEncoding(), field.data(), field.size());
}

QStringList CsvFile::replacedColumns() const
{
    return m_replacedColumns;
}

QString CsvFile::replacedColumnsNote() const
{
    if (m_replacedColumns.isEmpty())
        return {};
    return tr("%1: previous enrichment columns replaced (%2)")
        .arg(QFileInfo(path()).fileName(), m_replacedColumns.join(QStringLiteral(", ")));
}

bool CsvFile::hasChanged() const
{
    if (m_changed.load())
        return true;
#ifdef Q_OS_LINUX
    bool changed = m_region >= 0 && g_regions[m_region].changed.load();
    struct stat now{};
    if (!changed && m_openedSize >= 0) {
        if (::stat(QFile::encodeName(m_path).constData(), &now) != 0) {
            changed = true;
        } else {
            const FileIdentity id = identityOf(now);
            changed = id.size != m_openedSize || id.inode != m_openedInode || id.device != m_openedDevice
                || id.mtimeNs != m_openedMtimeNs;
        }
    }
#else
    const QFileInfo now(m_path);
    const bool changed = !now.exists() || now.size() != m_openedSize; // by size alone here
#endif
    if (changed)
        m_changed.store(true);
    return changed;
}

QList<CsvProblem> CsvFile::problems() const
{
    QMutexLocker lock(&m_problemsMutex);
    return m_problems;
}

qint64 CsvFile::problemCount() const
{
    QMutexLocker lock(&m_problemsMutex);
    return m_problemCount;
}

QString CsvFile::encodingNote() const
{
    return isComplete() ? m_encodingNote : QString();
}

int CsvFile::findColumn(const QString &name) const
{
    return findColumns(name).value(0, -1);
}

QList<int> CsvFile::findColumns(const QString &name) const
{
    const QStringList h = header();
    const QString wanted = name.trimmed();
    QList<int> found;
    for (int c = 0; c < h.size(); ++c)
        if (h[c].trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
            found.append(c);
    return found;
}

int CsvFile::fieldCount(QByteArrayView raw, char delimiter)
{
    if (!std::memchr(raw.data(), '"', size_t(raw.size())))
        return 1 + int(std::count(raw.begin(), raw.end(), delimiter));
    int fields = 1;
    const qsizetype n = raw.size();
    for (qsizetype i = fieldEnd(raw.data(), n, 0, delimiter, nullptr); i < n;
         i = fieldEnd(raw.data(), n, i + 1, delimiter, nullptr))
        ++fields;
    return fields;
}

qsizetype CsvFile::fieldEnd(const char *d, qsizetype n, qsizetype i, char delimiter, bool *quoted)
{
    const bool isQuoted = i < n && d[i] == '"';
    if (quoted)
        *quoted = isQuoted;
    if (isQuoted) {
        // Through the quoted part by the shared rules; what follows it up to the delimiter is text.
        Csv::Scanner scanner(delimiter, Csv::Scanner::FieldStart);
        do
            scanner.step(d, n, &i);
        while (i < n && (scanner.state() == Csv::Scanner::Quoted
                         || (scanner.state() == Csv::Scanner::QuoteInQuoted && d[i] == '"')));
    }
    const void *hit = i < n ? std::memchr(d + i, delimiter, size_t(n - i)) : nullptr;
    return hit ? static_cast<const char *>(hit) - d : n;
}

qsizetype CsvFile::fieldsEnd(QByteArrayView raw, int count, char delimiter, int *found)
{
    const char *d = raw.data();
    const qsizetype n = raw.size();
    qsizetype i = 0;
    int k = 0;
    while (k < count) {
        i = fieldEnd(d, n, i, delimiter, nullptr); // an unquoted field: one memchr
        ++k;
        if (i >= n)
            break;
        if (k < count)
            ++i; // past the delimiter
    }
    if (found)
        *found = k;
    return i;
}

QByteArrayView CsvFile::nextField(QByteArrayView raw, qsizetype *i, char delimiter, QByteArray *scratch)
{
    const qsizetype start = *i;
    bool quoted = false;
    *i = fieldEnd(raw.data(), raw.size(), start, delimiter, &quoted);
    const QByteArrayView field = raw.sliced(start, *i - start);
    if (!quoted)
        return field;
    scratch->clear();
    qsizetype k = 1;
    for (; k < field.size(); ++k) {
        if (field[k] == '"') {
            if (k + 1 < field.size() && field[k + 1] == '"') {
                scratch->append('"');
                ++k;
                continue;
            }
            ++k;
            break;
        }
        scratch->append(field[k]);
    }
    scratch->append(field.data() + qMin(k, field.size()), field.size() - qMin(k, field.size()));
    return *scratch;
}

QStringList CsvFile::splitRow(QByteArrayView raw, char delimiter, CsvEncoding encoding)
{
    QStringList fields;
    QByteArray scratch;
    for (qsizetype i = 0;; ++i) { // ++i: past the delimiter
        const QByteArrayView field = nextField(raw, &i, delimiter, &scratch);
        fields.append(Csv::decode(encoding, field.data(), field.size()));
        if (i >= raw.size())
            break;
    }
    return fields;
}
