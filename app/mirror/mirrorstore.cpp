#include "mirrorstore.h"

#include "namekey.h"
#include "namematcher.h"
#include "privatefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QThread>
#include <QTimeZone>
#include <QUrl>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MirrorStore", text);
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

const char *metaKey(MirrorFileType type)
{
    switch (type) {
    case MirrorFileType::Lei2: return "lei2";
    case MirrorFileType::Relationships: return "rr";
    case MirrorFileType::Exceptions: return "repex";
    case MirrorFileType::BicMap: return "bic";
    }
    return "";
}

const char *const kSchema = R"(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
-- Everything about an LEI in one B-tree, so that one range read answers for it: the LEI2
-- record (kind -1: updated its Registration.LastUpdateDate), its parents (0 direct, 1 ultimate:
-- value the parent's LEI, updated the RR record's LastUpdateDate), reporting exceptions (2
-- direct, 3 ultimate: value the reason) and BICs (4, seq the map's order).
CREATE TABLE records(lei TEXT, kind INTEGER, seq INTEGER, value TEXT, updated TEXT,
    legal_name TEXT, other_names TEXT, country TEXT, hq_country TEXT, jurisdiction TEXT,
    category TEXT, legal_form TEXT, entity_status TEXT, registration_status TEXT,
    initial_date TEXT, next_renewal TEXT, successor_lei TEXT, managing_lou TEXT,
    city TEXT, transliterated_names TEXT,
    PRIMARY KEY(lei, kind, seq)) WITHOUT ROWID;
-- The legal names alone, for the parents' names: a B-tree of narrow rows is searched in about
-- half the time of the records' (schema 2; lookups in a schema-1 file read the records).
CREATE INDEX entity_names ON records(lei, legal_name) WHERE kind = -1;
-- Matching (issue 14, schema 3): the entities of a BIC, and every legal, other and
-- transliterated name normalised (Match::normalise's words, legal form left out) with its
-- reverse. B-trees rather than FTS5 trigrams: a name as written is one descent on `key`, and a
-- name with one typo keeps an intact first word (a range on `key`) or an intact rest (a range on
-- name_tail(key), namekey.h), where a trigram OR query would read the long posting lists of
-- common trigrams. names_key and names_rkey are built after the rows (kNameIndexes): sorting
-- once is faster.
CREATE INDEX bic_leis ON records(value) WHERE kind = 4;
CREATE TABLE names(lei TEXT, key TEXT, PRIMARY KEY(lei, key)) WITHOUT ROWID;
INSERT INTO meta VALUES('schema', '3');
)";
const char *const kNameIndexes = "CREATE INDEX names_key ON names(key); CREATE INDEX names_rkey ON names(name_tail(key))";
// Schema 1 and 2's columns: what a rebuild copies from an older mirror.
#define RECORD_COLUMNS "lei, kind, seq, value, updated, legal_name, other_names, country, hq_country, " \
    "jurisdiction, category, legal_form, entity_status, registration_status, initial_date, next_renewal, " \
    "successor_lei, managing_lou"

// Timestamps compare as instants (GLEIF writes offsets and milliseconds); unparsable is oldest.
#define NOT_OLDER(a, b) "coalesce(unixepoch(" a "), 0) >= coalesce(unixepoch(" b "), 0)"

const char *const kUpsertEntity =
    "INSERT INTO records(lei, kind, seq, updated, legal_name, other_names, country, hq_country, "
    "jurisdiction, category, legal_form, entity_status, registration_status, initial_date, next_renewal, "
    "successor_lei, managing_lou, city, transliterated_names) VALUES(?1,-1,0,?12,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?13,?14,?15,?16,?17) "
    "ON CONFLICT(lei, kind, seq) DO UPDATE SET updated=?12, legal_name=?2, other_names=?3, country=?4, "
    "hq_country=?5, jurisdiction=?6, category=?7, legal_form=?8, entity_status=?9, registration_status=?10, "
    "initial_date=?11, next_renewal=?13, successor_lei=?14, managing_lou=?15, city=?16, transliterated_names=?17 "
    "WHERE " NOT_OLDER("?12", "records.updated");
const char *const kUpsertRelationship =
    "INSERT INTO records(lei, kind, seq, value, updated) VALUES(?1,?2,0,?3,?4) ON CONFLICT(lei, kind, seq) "
    "DO UPDATE SET value=?3, updated=?4 WHERE " NOT_OLDER("?4", "records.updated");
const char *const kDeleteRelationship =
    "DELETE FROM records WHERE lei=?1 AND kind=?2 AND seq=0 AND value=?3 AND " NOT_OLDER("?4", "updated");
const char *const kUpsertLink = "INSERT OR REPLACE INTO records(lei, kind, seq, value) VALUES(?1,?2,?3,?4)";
const char *const kDeleteLink = "DELETE FROM records WHERE lei=?1 AND kind=?2";
const char *const kDeleteNames = "DELETE FROM names WHERE lei=?1";
const char *const kInsertName = "INSERT OR IGNORE INTO names VALUES(?1, ?2)";
enum Kind { Entity = -1, DirectParent = 0, UltimateParent = 1, DirectException = 2, UltimateException = 3, Bic = 4 };

// json_each() makes the bound list of LEIs a table: one statement for all of them, walking the
// B-tree in key order (as the cache does; faster than a prepared point query per LEI).
const char *const kLookup =
    "SELECT j.key, r.kind, r.value, r.updated, r.legal_name, r.other_names, r.country, r.hq_country, "
    "r.jurisdiction, r.category, r.legal_form, r.entity_status, r.registration_status, r.initial_date, "
    "r.next_renewal, r.successor_lei, r.managing_lou FROM json_each(?1) AS j JOIN records AS r ON r.lei = j.value";
const char *const kLookupNames =
    "SELECT j.key, r.legal_name FROM json_each(?1) AS j JOIN records AS r INDEXED BY entity_names "
    "ON r.lei = j.value AND r.kind = -1";
const char *const kLookupNamesSchema1 =
    "SELECT j.key, r.legal_name FROM json_each(?1) AS j JOIN records AS r "
    "ON r.lei = j.value AND r.kind = -1 AND r.seq = 0";

constexpr char kNameSeparator = '\x1f';

qint64 inodeOf(const QString &path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? qint64(st.st_ino) : -1;
}

bool syncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool prepareNamesQuery(sqlite3 *db, sqlite3_stmt **query)
{
    return sqlite3_prepare_v3(db, kLookupNames, -1, SQLITE_PREPARE_PERSISTENT, query, nullptr) == SQLITE_OK
        || sqlite3_prepare_v3(db, kLookupNamesSchema1, -1, SQLITE_PREPARE_PERSISTENT, query, nullptr) == SQLITE_OK;
}

QString text(sqlite3_stmt *s, int column)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(s, column)) : QString();
}

// A prepared statement that finalises itself.
struct Statement
{
    sqlite3_stmt *s = nullptr;
    ~Statement() { sqlite3_finalize(s); }
    void bind(int i, QByteArrayView v) { sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT); }
    void bind(int i, qint64 v) { sqlite3_bind_int64(s, i, v); }
    bool run()
    {
        const int r = sqlite3_step(s);
        sqlite3_reset(s);
        return r == SQLITE_DONE;
    }
};

} // namespace

// One importFiles() call: the files, the database written (new or the mirror itself) and the
// progress.
class MirrorStore::Import
{
public:
    struct File
    {
        QString path;
        std::unique_ptr<GoldenCopyFile> reader;
        bool delta = false;
        QDateTime publishDate;
    };

    sqlite3 *db = nullptr;
    QString dbPath;  // for messages: the mirror's path
    std::vector<File> files;
    std::function<void(const MirrorImportProgress &)> progress;
    const std::atomic<bool> *cancel = nullptr;
    MirrorImportProgress done;
    qint64 bytesBefore = 0;  // of the files finished
    QString error;
    QHash<QString, qint64> expected;
    bool newFile = false;  // a rebuild: a full file's entities have no names yet to delete

    bool exec(const QByteArray &sql) { return exec(sql.constData()); }
    bool exec(const char *sql)
    {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
            return true;
        return sqlFailed();
    }
    bool sqlFailed()
    {
        error = tr("mirror %1: %2").arg(shown(dbPath), QString::fromUtf8(sqlite3_errmsg(db)));
        return false;
    }
    bool prepare(Statement *st, const char *sql)
    {
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s, nullptr) == SQLITE_OK || sqlFailed();
    }
    bool apply(File &f);
    bool setMeta(const QString &key, const QString &value)
    {
        Statement st;
        if (!prepare(&st, "INSERT OR REPLACE INTO meta VALUES(?1, ?2)"))
            return false;
        st.bind(1, key.toUtf8());
        st.bind(2, value.toUtf8());
        return st.run() || sqlFailed();
    }
    QString meta(const QString &key, const char *database = "main")
    {
        Statement st;
        if (!prepare(&st, QByteArray("SELECT value FROM ").append(database).append(".meta WHERE key = ?1").constData()))
            return {};
        st.bind(1, key.toUtf8());
        return sqlite3_step(st.s) == SQLITE_ROW ? text(st.s, 0) : QString();
    }
};

bool MirrorStore::Import::apply(File &f)
{
    GoldenCopyFile &in = *f.reader;
    Statement upsert, remove, insertName;
    const auto col = [&in](const char *name) { return in.column(QLatin1String(name)); };
    // The columns each type is read by, as GLEIF names them (their order varies).
    std::vector<int> c;
    std::vector<int> otherNames, transliteratedNames;
    int legalFormOther = -1;
    switch (in.type()) {
    case MirrorFileType::Lei2:
        if (meta(QStringLiteral("schema")).toInt() < 3) {
            error = tr("%1: the mirror %2 was built by an earlier version without the name index: "
                       "import a full LEI2 file first")
                        .arg(shown(f.path), shown(dbPath));
            return false;
        }
        if (!prepare(&upsert, kUpsertEntity) || !prepare(&remove, kDeleteNames) || !prepare(&insertName, kInsertName))
            return false;
        c = {col("LEI"), col("Entity.LegalName"), -1, col("Entity.LegalAddress.Country"),
             col("Entity.HeadquartersAddress.Country"), col("Entity.LegalJurisdiction"),
             col("Entity.EntityCategory"), col("Entity.LegalForm.EntityLegalFormCode"),
             col("Entity.EntityStatus"), col("Registration.RegistrationStatus"),
             col("Registration.InitialRegistrationDate"), col("Registration.LastUpdateDate"),
             col("Registration.NextRenewalDate"), col("Entity.SuccessorEntity.1.SuccessorLEI"),
             col("Registration.ManagingLOU"), col("Entity.LegalAddress.City")};
        for (int k = 1; k <= 5; ++k) {
            otherNames.push_back(in.column(QStringLiteral("Entity.OtherEntityNames.OtherEntityName.%1").arg(k)));
            transliteratedNames.push_back(in.column(
                QStringLiteral("Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.%1").arg(k)));
        }
        legalFormOther = col("Entity.LegalForm.OtherLegalForm");
        break;
    case MirrorFileType::Relationships:
        if (!prepare(&upsert, kUpsertRelationship) || !prepare(&remove, kDeleteRelationship))
            return false;
        c = {col("Relationship.StartNode.NodeID"), col("Relationship.EndNode.NodeID"),
             col("Relationship.RelationshipType"), col("Relationship.RelationshipStatus"),
             col("Registration.RegistrationStatus"), col("Registration.LastUpdateDate")};
        break;
    case MirrorFileType::Exceptions:
        if (!prepare(&upsert, kUpsertLink) || !prepare(&remove, kDeleteLink))
            return false;
        c = {col("LEI"), col("Exception.Category"), col("Exception.Reason.1"),
             col("Registration.RegistrationStatus")};
        if (c[2] < 0)
            c[2] = col("Exception.Reason");
        break;
    case MirrorFileType::BicMap:
        if (!prepare(&upsert, kUpsertLink) || !exec("DELETE FROM records WHERE kind = 4"))
            return false;
        c = {col("LEI"), col("BIC")};
        break;
    }

    QByteArray names;
    const auto joined = [&](const std::vector<int> &columns) -> const QByteArray & {
        names.clear();
        for (int column : columns) {
            const QByteArrayView name = in.field(column);
            if (name.isEmpty())
                continue;
            if (!names.isEmpty())
                names.append(kNameSeparator);
            names.append(name.data(), name.size());
        }
        return names;
    };
    const auto indexName = [&](QByteArrayView lei, QByteArrayView name) {
        if (name.isEmpty())
            return true;
        const QString key = Match::normalise(QString::fromUtf8(name)).key();
        if (key.isEmpty())
            return true;
        insertName.bind(1, lei);
        insertName.bind(2, key.toUtf8());
        return insertName.run();
    };
    while (in.next()) {
        switch (in.type()) {
        case MirrorFileType::Lei2: {
            for (int k = 0; k < int(c.size()); ++k)
                upsert.bind(k + 1, in.field(c[k])); // as GLEIF wrote it, like the API's answer
            upsert.bind(3, joined(otherNames));
            upsert.bind(17, joined(transliteratedNames));
            const QByteArrayView form = in.field(c[7]);
            if (form.isEmpty() || form == "8888")
                upsert.bind(8, in.field(legalFormOther));
            if (!upsert.run())
                return sqlFailed();
            if (sqlite3_changes(db) == 0)
                break; // an older record than the mirror's: its names stay too
            const QByteArrayView lei = in.field(c[0]);
            if (!newFile || f.delta) {
                remove.bind(1, lei);
                if (!remove.run())
                    return sqlFailed();
            }
            bool ok = indexName(lei, in.field(c[1]));
            for (const std::vector<int> *columns : {&otherNames, &transliteratedNames})
                for (int column : *columns)
                    ok = ok && indexName(lei, in.field(column));
            if (!ok)
                return sqlFailed();
            break;
        }
        case MirrorFileType::Relationships: {
            const QByteArrayView type = in.field(c[2]);
            const int kind = type == "IS_DIRECTLY_CONSOLIDATED_BY" ? DirectParent
                : type == "IS_ULTIMATELY_CONSOLIDATED_BY"          ? UltimateParent
                                                                   : -1;
            if (kind < 0)
                break;
            const bool current = in.field(c[3]) == "ACTIVE" && (c[4] < 0 || in.field(c[4]) == "PUBLISHED");
            Statement &st = current ? upsert : remove;
            st.bind(1, in.field(c[0]).trimmed());
            st.bind(2, qint64(kind));
            st.bind(3, in.field(c[1]).trimmed());
            st.bind(4, in.field(c[5]));
            if (!st.run())
                return sqlFailed();
            break;
        }
        case MirrorFileType::Exceptions: {
            const QByteArrayView category = in.field(c[1]);
            const int kind = category == "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT" ? DirectException
                : category == "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT"         ? UltimateException
                                                                                 : -1;
            if (kind < 0)
                break;
            const bool current = c[3] < 0 || in.field(c[3]) == "PUBLISHED";
            Statement &st = current ? upsert : remove;
            st.bind(1, in.field(c[0]).trimmed());
            st.bind(2, qint64(kind));
            if (current) {
                st.bind(3, qint64(0));
                st.bind(4, in.field(c[2]));
            }
            if (!st.run())
                return sqlFailed();
            break;
        }
        case MirrorFileType::BicMap:
            upsert.bind(1, in.field(c[0]).trimmed().toByteArray().toUpper());
            upsert.bind(2, qint64(Bic));
            upsert.bind(3, in.records());
            upsert.bind(4, in.field(c[1]).trimmed().toByteArray().toUpper());
            if (!upsert.run())
                return sqlFailed();
            break;
        }
        if ((++done.records & 4095) == 0) {
            if (cancel && cancel->load()) {
                error = tr("%1: import cancelled").arg(shown(f.path));
                return false;
            }
            if (progress) {
                done.bytes = bytesBefore + in.bytesRead();
                progress(done);
            }
        }
    }
    if (!in.error().isEmpty()) {
        error = in.error();
        return false;
    }
    const qint64 want = expected.value(f.path, -1);
    if (want >= 0 && in.records() < want) {
        error = tr("%1: %2 records where GLEIF published %3 (file cut short)")
                    .arg(shown(f.path)).arg(in.records()).arg(want);
        return false;
    }
    bytesBefore += in.size();
    done.bytes = bytesBefore;
    if (progress)
        progress(done);

    const QString key = QString::fromLatin1(metaKey(in.type()));
    const QDateTime previous = QDateTime::fromString(meta(QStringLiteral("publish.") + key), Qt::ISODate);
    const QDateTime date = f.delta && previous.isValid() ? qMax(previous, f.publishDate) : f.publishDate;
    return setMeta(QStringLiteral("publish.") + key, date.toUTC().toString(Qt::ISODate));
}

MirrorStore::MirrorStore() = default;

MirrorStore::~MirrorStore()
{
    close();
}

QString MirrorStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/gleif-mirror.sqlite");
}

QString MirrorStore::resolvePath(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString env = qEnvironmentVariable("LEI_ENRICHER_MIRROR");
    return env.isEmpty() ? defaultPath() : env;
}

void MirrorStore::close() const
{
    sqlite3_finalize(m_lookupQuery);
    sqlite3_finalize(m_namesQuery);
    m_lookupQuery = m_namesQuery = nullptr;
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    closeHelper();
}

bool MirrorStore::openDatabase() const
{
    close();
    if (!QFileInfo(m_path).isFile()) {
        m_error = tr("%1: no mirror there (import or update one first)").arg(shown(m_path));
        return false;
    }
    m_inode = inodeOf(m_path);
    const int r = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    registerNameTail(m_db);
    sqlite3_busy_timeout(m_db, 10000); // a delta's commit locks readers out for a moment
    const char *probe = "SELECT value FROM meta WHERE key = 'schema'";
    if (r != SQLITE_OK || sqlite3_exec(m_db, "PRAGMA mmap_size = 2147418112", nullptr, nullptr, nullptr) != SQLITE_OK
        || sqlite3_exec(m_db, probe, nullptr, nullptr, nullptr) != SQLITE_OK
        || sqlite3_prepare_v3(m_db, kLookup, -1, SQLITE_PREPARE_PERSISTENT, &m_lookupQuery, nullptr) != SQLITE_OK
        || !prepareNamesQuery(m_db, &m_namesQuery)) {
        m_error = tr("%1: not a GLEIF mirror (%2)").arg(shown(m_path), QString::fromUtf8(sqlite3_errmsg(m_db)));
        close();
        return false;
    }
    return true;
}

bool MirrorStore::open(const QString &path)
{
    m_path = path;
    m_error.clear();
    return openDatabase();
}

bool MirrorStore::reopenIfReplaced() const
{
    if (m_db && inodeOf(m_path) == m_inode)
        return true;
    return openDatabase();
}

QDateTime MirrorStore::publishDate(MirrorFileType type) const
{
    if (!reopenIfReplaced())
        return {};
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT value FROM meta WHERE key = ?1", -1, &st, nullptr);
    const QByteArray key = QByteArray("publish.") + metaKey(type);
    sqlite3_bind_text(st, 1, key.constData(), int(key.size()), SQLITE_STATIC);
    const QDateTime date = sqlite3_step(st) == SQLITE_ROW ? QDateTime::fromString(text(st, 0), Qt::ISODate) : QDateTime();
    sqlite3_finalize(st);
    return date;
}

MirrorStatus MirrorStore::status() const
{
    MirrorStatus s;
    for (MirrorFileType t : {MirrorFileType::Lei2, MirrorFileType::Relationships, MirrorFileType::Exceptions,
                             MirrorFileType::BicMap}) {
        if (const QDateTime date = publishDate(t); date.isValid())
            s.publishDates.insert(t, date);
    }
    if (!m_db)
        return s;
    // Counted when asked (a few seconds for the whole register), so imports stay quick; on a
    // connection of its own without the memory map, which would count the file in our memory.
    sqlite3 *db = nullptr;
    sqlite3_stmt *st = nullptr;
    sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_prepare_v2(db, "SELECT kind, count(*) FROM records GROUP BY kind", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const qint64 n = sqlite3_column_int64(st, 1);
        switch (sqlite3_column_int(st, 0)) {
        case Entity: s.records = n; break;
        case DirectParent: case UltimateParent: s.relationships += n; break;
        case DirectException: case UltimateException: s.exceptions += n; break;
        case Bic: s.bics = n; break;
        }
    }
    sqlite3_finalize(st);
    sqlite3_close_v2(db);
    s.sizeOnDisk = QFileInfo(m_path).size();
    s.nameIndex = hasNameIndex();
    return s;
}

namespace {

// A JSON array of LEIs for json_each(); only [A-Z0-9] LEIs are passed, so no escaping.
QByteArray jsonList(const QByteArrayView *keys, size_t count)
{
    QByteArray json;
    json.reserve(qsizetype(count) * 23 + 2);
    json += '[';
    for (const QByteArrayView *key = keys; key != keys + count; ++key) {
        if (json.size() > 1)
            json += ',';
        json += '"';
        json += *key;
        json += '"';
    }
    return json + ']';
}

// Countries, statuses, categories, forms, LOUs, exception reasons: a few values shared by
// millions of records. A QString per distinct value of a column (a short linear search) spares
// a lookup most of its allocations.
class Interner
{
public:
    QString operator()(sqlite3_stmt *s, int column)
    {
        const char *data = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
        const int size = sqlite3_column_bytes(s, column);
        if (size == 0)
            return QString::fromUtf8(data, 0); // null or empty as the column is
        auto &seen = m_columns[column];
        for (const auto &[key, value] : seen)
            if (key.size() == size && std::memcmp(key.constData(), data, size_t(size)) == 0)
                return value;
        QString value = QString::fromUtf8(data, size);
        if (seen.size() < 32)
            seen.push_back({QByteArray(data, size), value});
        return value;
    }

private:
    std::vector<std::pair<QByteArray, QString>> m_columns[20];
};

// [A-Z0-9]: the only LEIs a lookup asks for, and which a JSON string holds unescaped.
bool isKey(const QString &lei)
{
    return !lei.isEmpty() && std::all_of(lei.begin(), lei.end(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    });
}

// A second thread pays for its start (tens of microseconds) from a few dozen LEIs on.
constexpr size_t kSplitAt = 64;

// Reads the answers for `count` sorted `keys` (order[k]: the index of keys[k] in `leis`) on one
// connection into out[0, count): one read transaction (one snapshot, the file locked once) for
// the records, then one statement for the names of their parents.
void readPart(sqlite3 *db, sqlite3_stmt *q, sqlite3_stmt *n, const QStringList &leis, const int *order,
              const QByteArrayView *keys, size_t count, const QDateTime &published, MirrorAnswer *out)
{
    const QByteArray json = jsonList(keys, count);
    Interner shared;
    std::vector<MirrorParent *> parents;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_bind_text(q, 1, json.constData(), int(json.size()), SQLITE_STATIC);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const qint64 index = sqlite3_column_int64(q, 0);
        if (index < 0 || index >= qint64(count))
            continue;
        MirrorAnswer &a = out[index];
        GleifRecord &r = a.record;
        const int kind = sqlite3_column_int(q, 1);
        if (kind == Entity) { // the first row of an LEI's
            r.lei = leis.at(order[index]);
            r.lastUpdateDate = text(q, 3);
            r.legalName = text(q, 4);
            if (const QString names = text(q, 5); !names.isEmpty())
                r.otherNames = names.split(QLatin1Char(kNameSeparator));
            r.country = shared(q, 6);
            r.hqCountry = shared(q, 7);
            r.jurisdiction = shared(q, 8);
            r.category = shared(q, 9);
            r.legalForm = shared(q, 10);
            r.entityStatus = shared(q, 11);
            r.registrationStatus = shared(q, 12);
            a.initialRegistrationDate = text(q, 13);
            r.nextRenewalDate = text(q, 14);
            r.successorLei = text(q, 15);
            a.managingLou = shared(q, 16);
            a.publishDate = published;
            continue;
        }
        if (r.lei.isEmpty())
            continue; // links of an LEI the mirror has no record of
        switch (kind) {
        case DirectParent: a.directParent.lei = text(q, 2); parents.push_back(&a.directParent); break;
        case UltimateParent: a.ultimateParent.lei = text(q, 2); parents.push_back(&a.ultimateParent); break;
        case DirectException: a.directParent.exception = shared(q, 2); break;
        case UltimateException: a.ultimateParent.exception = shared(q, 2); break;
        case Bic: r.bics.append(text(q, 2)); break;
        }
    }
    sqlite3_reset(q);

    // Many children share a parent: each parent's name is read once, into all its children.
    // Ordered by their UTF-16 bytes: key order for [A-Z0-9], and cheaper than QString's compare.
    const auto compare = [](const MirrorParent *a, const MirrorParent *b) {
        const int c = std::memcmp(a->lei.utf16(), b->lei.utf16(), size_t(std::min(a->lei.size(), b->lei.size())) * 2);
        return c != 0 ? c : int(a->lei.size() - b->lei.size());
    };
    std::sort(parents.begin(), parents.end(), [&](const MirrorParent *a, const MirrorParent *b) { return compare(a, b) < 0; });
    std::vector<size_t> first; // into parents, per distinct key (the names query's index)
    QByteArray parentJson;
    parentJson.reserve(qsizetype(parents.size()) * 23 + 2);
    parentJson += '[';
    for (size_t i = 0; i < parents.size(); ++i) {
        if ((i > 0 && compare(parents[i], parents[i - 1]) == 0) || !isKey(parents[i]->lei))
            continue;
        parentJson += first.empty() ? "\"" : ",\"";
        for (QChar c : parents[i]->lei)
            parentJson += char(c.unicode());
        parentJson += '"';
        first.push_back(i);
    }
    parentJson += ']';
    sqlite3_bind_text(n, 1, parentJson.constData(), int(parentJson.size()), SQLITE_STATIC);
    while (sqlite3_step(n) == SQLITE_ROW) {
        const qint64 index = sqlite3_column_int64(n, 0);
        if (index < 0 || index >= qint64(first.size()))
            continue;
        const size_t i = first[size_t(index)];
        const QString name = text(n, 1);
        for (size_t k = i; k < parents.size() && compare(parents[k], parents[i]) == 0; ++k)
            parents[k]->name = name;
    }
    sqlite3_reset(n);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);

    const auto link = [](const MirrorParent &p) {
        return !p.lei.isEmpty()         ? GleifRecord::ParentLink::Reported
            : !p.exception.isEmpty() ? GleifRecord::ParentLink::Exception
                                     : GleifRecord::ParentLink::Unknown;
    };
    for (size_t i = 0; i < count; ++i) {
        out[i].record.directParent = link(out[i].directParent);
        out[i].record.ultimateParent = link(out[i].ultimateParent);
    }
}

} // namespace

bool MirrorStore::openHelper() const
{
    if (m_helperDb)
        return true;
    const bool ok = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &m_helperDb,
                                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK
        && sqlite3_busy_timeout(m_helperDb, 10000) == SQLITE_OK && registerNameTail(m_helperDb)
        && sqlite3_exec(m_helperDb, "PRAGMA mmap_size = 2147418112", nullptr, nullptr, nullptr) == SQLITE_OK
        && sqlite3_prepare_v3(m_helperDb, kLookup, -1, SQLITE_PREPARE_PERSISTENT, &m_helperLookupQuery, nullptr) == SQLITE_OK
        && prepareNamesQuery(m_helperDb, &m_helperNamesQuery);
    if (!ok)
        closeHelper();
    return ok;
}

void MirrorStore::closeHelper() const
{
    sqlite3_finalize(m_helperLookupQuery);
    sqlite3_finalize(m_helperNamesQuery);
    m_helperLookupQuery = m_helperNamesQuery = nullptr;
    sqlite3_close_v2(m_helperDb);
    m_helperDb = nullptr;
}

QHash<QString, MirrorAnswer> MirrorStore::lookup(const QStringList &leis) const
{
    QHash<QString, MirrorAnswer> answers;
    if (!reopenIfReplaced())
        return answers;
    const QDateTime published = publishDate(MirrorFileType::Lei2);

    // The LEIs that can be in the mirror, in key order (neighbours in the B-tree share pages).
    std::vector<QByteArray> latin1(size_t(leis.size()));
    std::vector<int> order;
    order.reserve(size_t(leis.size()));
    for (int i = 0; i < leis.size(); ++i) {
        if (isKey(leis.at(i))) {
            order.push_back(i);
            latin1[size_t(i)] = leis.at(i).toLatin1();
        }
    }
    std::sort(order.begin(), order.end(), [&latin1](int a, int b) { return latin1[size_t(a)] < latin1[size_t(b)]; });
    std::vector<QByteArrayView> keys;
    keys.reserve(order.size());
    for (int i : order)
        keys.push_back(latin1[size_t(i)]);

    // A long list is read by two connections at once, each one half of the key range: the
    // B-tree descents and building the answers take about as long each. The halves are two
    // read transactions: an import committing between them may show in one half only.
    std::vector<MirrorAnswer> found(keys.size()); // by index into keys; lei empty: absent
    size_t half = keys.size() >= kSplitAt && QThread::idealThreadCount() > 1 && openHelper() ? keys.size() / 2 : 0;
    std::thread helper;
    if (half > 0) {
        try {
            helper = std::thread(readPart, m_helperDb, m_helperLookupQuery, m_helperNamesQuery, std::cref(leis),
                                 order.data(), keys.data(), half, std::cref(published), found.data());
        } catch (const std::system_error &) {
            half = 0; // no thread to be had: all in this one
        }
    }
    readPart(m_db, m_lookupQuery, m_namesQuery, leis, order.data() + half, keys.data() + half, keys.size() - half,
             published, found.data() + half);

    answers.reserve(qsizetype(found.size()));
    const auto collect = [&answers](MirrorAnswer *begin, MirrorAnswer *end) {
        for (MirrorAnswer *a = begin; a != end; ++a) {
            if (!a->record.lei.isEmpty()) {
                const QString lei = a->record.lei;
                answers.emplace(lei, std::move(*a));
            }
        }
    };
    collect(found.data() + half, found.data() + found.size()); // while the helper may still read
    if (helper.joinable())
        helper.join();
    collect(found.data(), found.data() + half);
    return answers;
}

namespace {

QDateTime dateFromName(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    static const QRegularExpression golden(QStringLiteral("^(\\d{8}-\\d{4})-"));
    static const QRegularExpression bic(QStringLiteral("LEI-BIC-(\\d{8})"), QRegularExpression::CaseInsensitiveOption);
    QDateTime date;
    if (const auto m = golden.match(name); m.hasMatch())
        date = QDateTime::fromString(m.captured(1), QStringLiteral("yyyyMMdd-HHmm"));
    else if (const auto b = bic.match(name); b.hasMatch())
        date = QDateTime::fromString(b.captured(1), QStringLiteral("yyyyMMdd"));
    if (!date.isValid())
        return QFileInfo(path).lastModified().toUTC();
    date.setTimeZone(QTimeZone::utc());
    return date;
}

bool isDeltaName(const QString &path)
{
    static const QRegularExpression delta(QStringLiteral("intra-?day|last-?day|last-?week|last-?month|delta"),
                                          QRegularExpression::CaseInsensitiveOption);
    return delta.match(QFileInfo(path).fileName()).hasMatch();
}

} // namespace

bool MirrorStore::importFiles(const QStringList &paths, const QDateTime &publishDate,
                              const std::function<void(const MirrorImportProgress &)> &progress,
                              const std::atomic<bool> *cancel)
{
    m_error.clear();
    if (m_path.isEmpty())
        m_path = resolvePath(QString());
    Import im;
    im.dbPath = m_path;
    im.progress = progress;
    im.cancel = cancel;
    im.expected = m_expected;
    im.done.totalBytes = 0;
    for (const QString &path : paths) {
        Import::File f;
        f.path = path;
        f.reader = std::make_unique<GoldenCopyFile>();
        if (!f.reader->open(path)) {
            m_error = f.reader->error();
            return false;
        }
        f.delta = f.reader->type() != MirrorFileType::BicMap && isDeltaName(path);
        f.publishDate = m_publishDates.contains(path) ? m_publishDates.value(path).toUTC()
            : publishDate.isValid()                   ? publishDate.toUTC()
                                                      : dateFromName(path);
        im.done.totalBytes += f.reader->size();
        im.files.push_back(std::move(f));
    }
    // Full files first, then deltas oldest first, so the newest record wins.
    std::stable_sort(im.files.begin(), im.files.end(), [](const Import::File &a, const Import::File &b) {
        return std::make_pair(a.delta, a.publishDate) < std::make_pair(b.delta, b.publishDate);
    });

    const QString folder = QFileInfo(m_path).absolutePath();
    if (!PrivateFiles::makeFolder(folder, QFileInfo(defaultPath()).absolutePath(), &m_error))
        return false;
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(1000)) {
        m_error = tr("%1: another import into this mirror is running").arg(shown(m_path));
        return false;
    }
    const QString temporary = m_path + QStringLiteral(".import");
    QFile::remove(temporary); // a killed import's leftover: the lock says no import runs

    const bool exists = QFileInfo::exists(m_path);
    if (exists && !reopenIfReplaced())
        return false; // not a mirror: never overwritten
    if (exists) {
        // A read rolls back what a killed import left in a hot journal; a journal still there
        // after it is a dead one, which must not sit beside a file renamed in.
        if (sqlite3_exec(m_db, "SELECT count(*) FROM meta", nullptr, nullptr, nullptr) != SQLITE_OK) {
            m_error = tr("mirror %1: %2").arg(shown(m_path), QString::fromUtf8(sqlite3_errmsg(m_db)));
            return false;
        }
        QFile::remove(m_path + QStringLiteral("-journal"));
    }
    QSet<MirrorFileType> full;
    bool rebuild = !exists;
    for (const Import::File &f : im.files) {
        if (!f.delta) {
            full.insert(f.reader->type());
            rebuild = rebuild || f.reader->type() != MirrorFileType::BicMap;
        }
    }
    for (const Import::File &f : im.files) {
        if (f.delta && !full.contains(f.reader->type()) && !(exists && MirrorStore::publishDate(f.reader->type()).isValid())) {
            m_error = tr("%1: a delta file, but the mirror has no full %2 file to apply it to (import that first)")
                          .arg(shown(f.path), GoldenCopyFile::typeName(f.reader->type()));
            return false;
        }
    }

    bool ok = false;
    if (rebuild) {
        // A new file beside the old one, renamed over it only when complete: a failure, a kill or
        // a full disk leaves the old mirror as it was.
        if (!PrivateFiles::makeFile(temporary, &m_error))
            return false;
        ok = sqlite3_open_v2(QFile::encodeName(temporary).constData(), &im.db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, nullptr) == SQLITE_OK
            && registerNameTail(im.db);
        ok = ok && im.exec("PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072;")
            && im.exec(kSchema);
        if (ok && exists) {
            // What this import does not replace comes from the old mirror.
            const QByteArray attach = "ATTACH " + QByteArray("'file:")
                + QUrl::toPercentEncoding(QFileInfo(m_path).absoluteFilePath(), "/") + "?mode=ro' AS old";
            ok = im.exec(attach.constData());
            static const std::pair<MirrorFileType, const char *> kinds[] = {
                {MirrorFileType::Lei2, "-1"}, {MirrorFileType::Relationships, "0,1"},
                {MirrorFileType::Exceptions, "2,3"}, {MirrorFileType::BicMap, "4"}};
            QByteArray kept;
            for (const auto &[type, list] : kinds) {
                if (full.contains(type))
                    continue;
                kept += (kept.isEmpty() ? "" : ",") + QByteArray(list);
                ok = ok && im.exec(QByteArray("INSERT INTO main.meta SELECT * FROM old.meta WHERE key = 'publish.")
                                       .append(metaKey(type)).append("'").constData());
            }
            // An older schema lacks the matching columns and names: a full LEI2 file brings them.
            const bool current = ok && im.meta(QStringLiteral("schema"), "old").toInt() >= 3;
            const QByteArray columns = current ? "*" : RECORD_COLUMNS;
            const QByteArray into = current ? "" : "(" RECORD_COLUMNS ")";
            ok = ok && (kept.isEmpty() || im.exec("INSERT INTO main.records" + into + " SELECT " + columns
                                                  + " FROM old.records WHERE kind IN (" + kept + ")"));
            if (ok && current && !full.contains(MirrorFileType::Lei2)) {
                ok = im.exec("INSERT INTO main.names SELECT * FROM old.names")
                    && im.exec("INSERT INTO main.meta SELECT * FROM old.meta WHERE key = 'names'");
            }
            ok = ok && im.exec("DETACH old");
        }
        ok = ok && im.exec("BEGIN");
    } else {
        im.db = m_db;
        // Room for a delta's pages: spilling them early would lock readers out until the commit.
        ok = im.exec("PRAGMA cache_size = -131072") && im.exec("BEGIN IMMEDIATE");
    }
    im.newFile = rebuild;
    for (Import::File &f : im.files)
        ok = ok && im.apply(f);
    if (rebuild) {
        ok = ok && im.exec(kNameIndexes);
        if (full.contains(MirrorFileType::Lei2))
            ok = ok && im.setMeta(QStringLiteral("names"), QStringLiteral("1"));
    }
    ok = ok && im.exec("COMMIT");

    if (!rebuild) {
        if (!ok) {
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            m_error = im.error;
        }
        return ok;
    }
    // A rollback journal, not WAL: readers of the replaced file must not share (and, closing
    // last, delete) a -wal or -shm file by name with the new one.
    ok = ok && im.exec("PRAGMA journal_mode = DELETE");
    sqlite3_close_v2(im.db);
    if (ok && !syncPath(temporary, false)) {
        im.error = tr("mirror %1: cannot write the new mirror to disk").arg(shown(m_path));
        ok = false;
    }
    close();
    if (ok && ::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(m_path).constData()) != 0) {
        im.error = tr("mirror %1: cannot replace it: %2").arg(shown(m_path), QString::fromLocal8Bit(strerror(errno)));
        ok = false;
    }
    if (!ok) {
        QFile::remove(temporary);
        m_error = im.error;
        return false;
    }
    syncPath(folder, true);
    return openDatabase();
}

bool MirrorStore::remove(const QString &path, QString *error)
{
    if (QFileInfo::exists(path)) {
        MirrorStore probe; // never delete a file that is not a mirror (a mistyped --mirror)
        if (!probe.open(path)) {
            if (error)
                *error = probe.error();
            return false;
        }
    }
    QLockFile lock(path + QStringLiteral(".lock"));
    if (!lock.tryLock(1000)) {
        if (error)
            *error = tr("%1: an import into this mirror is running").arg(shown(path));
        return false;
    }
    for (const char *suffix : {"", "-journal", "-wal", "-shm", ".import"}) {
        const QString file = path + QLatin1String(suffix);
        if (QFileInfo::exists(file) && !QFile::remove(file)) {
            if (error)
                *error = tr("%1: cannot delete it").arg(shown(file));
            return false;
        }
    }
    return true;
}
