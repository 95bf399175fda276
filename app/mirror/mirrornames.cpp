// MirrorStore's side of matching (issue 14): candidates from the name index and the BIC map.
#include "mirrorstore.h"

#include "namekey.h"
#include "namematcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QThread>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <system_error>
#include <thread>

namespace {

// A name with one typo keeps the words before the typo (a range of names_key) and those after it
// (a condition on the range's rows, or, for a typo in the first word, a range of names_rkey).
// A range is read up to kScanRows rows (a very common first word), of which up to kRangeRows
// pass the conditions.
constexpr int kScanRows = 20000;
constexpr int kRangeRows = 4000;
constexpr int kNearest = 10; // names kept per query when none is the query's own
constexpr int kMinNear = 50; // similarity below which a near name is no candidate
constexpr char kNameSeparator = '\x1f';

const char *const kByKey = "SELECT lei FROM names INDEXED BY names_key WHERE key = ?1 LIMIT 100";
const char *const kByPrefix =
    "SELECT key, lei FROM (SELECT key, lei FROM names INDEXED BY names_key WHERE key >= ?1 AND key < ?2 LIMIT 20000) "
    "WHERE length(key) BETWEEN ?3 AND ?4 AND (ifnull(?5, '') = '' OR substr(key, -length(?5)) = ?5) LIMIT 4000";
const char *const kBySuffix =
    "SELECT key, lei FROM (SELECT key, lei FROM names INDEXED BY names_rkey WHERE name_tail(key) >= ?1 "
    "AND name_tail(key) < ?2 LIMIT 20000) WHERE length(key) BETWEEN ?3 AND ?4 LIMIT 4000";
static_assert(kScanRows == 20000 && kRangeRows == 4000, "the LIMITs of kByPrefix and kBySuffix");
const char *const kByBic = "SELECT lei FROM records INDEXED BY bic_leis WHERE kind = 4 AND value IN (?1, ?2)";
const char *const kEntities =
    "SELECT j.key, r.legal_name, r.other_names, r.transliterated_names, r.country, r.hq_country, r.city, "
    "r.legal_form, r.entity_status, r.registration_status FROM json_each(?1) AS j "
    "JOIN records AS r ON r.lei = j.value AND r.kind = -1 AND r.seq = 0";

QString tr(const char *text)
{
    return QCoreApplication::translate("MirrorStore", text);
}

QString text(sqlite3_stmt *s, int column)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(s, column)) : QString();
}

class Statement
{
public:
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr); }
    ~Statement() { sqlite3_finalize(m_s); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    bool ok() const { return m_s != nullptr; }
    sqlite3_stmt *get() const { return m_s; }
    void bind(int i, const QByteArray &v) { sqlite3_bind_text(m_s, i, v.constData(), int(v.size()), SQLITE_TRANSIENT); }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_s, i, v); }
    bool step() { return sqlite3_step(m_s) == SQLITE_ROW; }
    void reset() { sqlite3_reset(m_s); }

private:
    sqlite3_stmt *m_s = nullptr;
};

struct Near
{
    QString lei;
    int score;
};

// The names in [low, low + 0xFF) of `st`'s index whose length is the query's give or take
// two (and that end with `end`), scored against the query's words.
void readRange(Statement &st, const QByteArray &low, const QByteArray &end, qsizetype length,
               const Match::NormalisedName &query, std::vector<Near> *out)
{
    st.bind(1, low);
    st.bind(2, low + '\xff'); // above every UTF-8 continuation of the prefix
    st.bind(3, qint64(length - 2));
    st.bind(4, qint64(length + 2));
    if (sqlite3_bind_parameter_count(st.get()) >= 5)
        st.bind(5, end);
    Match::NormalisedName name;
    while (st.step()) {
        name.words = text(st.get(), 0).split(u' ');
        const int score = Match::similarity(query, name);
        if (score >= kMinNear)
            out->push_back({text(st.get(), 1), score});
    }
    st.reset();
}

} // namespace

bool MirrorStore::hasNameIndex() const
{
    if (!reopenIfReplaced())
        return false;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT value FROM meta WHERE key = 'names'", -1, &st, nullptr);
    const bool has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
    sqlite3_finalize(st);
    return has;
}

namespace {

// The candidates of queries[0, count) into out[0, count), read on one connection in one read
// transaction; SQLite's message when a statement cannot be prepared.
QString matchPart(sqlite3 *db, const Match::Query *queries, qsizetype count, QVector<Match::Entity> *out)
{
    Statement byKey(db, kByKey), byPrefix(db, kByPrefix), bySuffix(db, kBySuffix), byBic(db, kByBic),
        entities(db, kEntities);
    if (!byKey.ok() || !byPrefix.ok() || !bySuffix.ok() || !byBic.ok() || !entities.ok())
        return QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr); // one snapshot for all

    // Per query, the LEIs found (by BIC first) and then one read of all their records.
    QVector<QVector<std::pair<QString, bool>>> found(count); // LEI, by BIC
    for (qsizetype i = 0; i < count; ++i) {
        const Match::Query &q = queries[i];
        auto &leis = found[i];
        const QByteArray bic = q.bic.trimmed().toUpper().toLatin1();
        if (bic.size() == 8 || bic.size() == 11) {
            byBic.bind(1, bic);
            byBic.bind(2, bic.size() == 8 ? bic + "XXX" : bic.endsWith("XXX") ? bic.left(8) : bic);
            while (byBic.step()) {
                const QString lei = text(byBic.get(), 0);
                if (std::none_of(leis.begin(), leis.end(), [&lei](const auto &l) { return l.first == lei; }))
                    leis.append({lei, true}); // "XXXXDEFF" and "XXXXDEFFXXX" may both be in the map
            }
            byBic.reset();
        }
        const Match::NormalisedName name = Match::normalise(q.name);
        const QString key = name.key();
        if (key.size() < 2)
            continue;
        byKey.bind(1, key.toUtf8());
        bool exact = false;
        while (byKey.step()) {
            leis.append({text(byKey.get(), 0), false});
            exact = true;
        }
        byKey.reset();
        if (exact)
            continue;
        std::vector<Near> near;
        const QStringList &words = name.words;
        const qsizetype space = key.indexOf(u' ');
        if (words.size() == 1) { // one word: its first or its second half is intact
            readRange(byPrefix, key.left(key.size() / 2).toUtf8(), {}, key.size(), name, &near);
            readRange(bySuffix, reversedKey(key.mid(key.size() / 2).toUtf8()), {}, key.size(), name, &near);
        } else {
            readRange(bySuffix, reversedKey(key.mid(space).toUtf8()), {}, key.size(), name, &near);
            for (qsizetype typo = 1; typo < words.size(); ++typo) {
                const QByteArray before = QStringList(words.mid(0, typo)).join(u' ').toUtf8() + ' ';
                const QByteArray after = typo + 1 < words.size()
                    ? ' ' + QStringList(words.mid(typo + 1)).join(u' ').toUtf8() : QByteArray();
                readRange(byPrefix, before, after, key.size(), name, &near);
            }
        }
        if (space > 0) { // a typo in the legal form leaves a last word too many
            Match::NormalisedName shorter = name;
            shorter.words.removeLast();
            byKey.bind(1, shorter.key().toUtf8());
            const int score = Match::similarity(name, shorter);
            while (byKey.step())
                near.push_back({text(byKey.get(), 0), score});
            byKey.reset();
        }
        std::sort(near.begin(), near.end(), [](const Near &a, const Near &b) {
            return a.score != b.score ? a.score > b.score : a.lei < b.lei;
        });
        QSet<QString> kept;
        for (const Near &n : near) {
            if (kept.size() >= kNearest)
                break;
            if (!kept.contains(n.lei)) {
                kept.insert(n.lei);
                leis.append({n.lei, false});
            }
        }
    }
    QHash<QString, qsizetype> indexOf; // into read, and json_each's key
    QVector<Match::Entity> read;
    std::vector<bool> inMirror;
    QByteArray json = "[";
    for (const auto &leis : std::as_const(found)) {
        for (const auto &entry : leis) {
            if (indexOf.contains(entry.first))
                continue;
            indexOf.insert(entry.first, read.size());
            read.append(Match::Entity());
            json += (json.size() > 1 ? ",\"" : "\"") + entry.first.toLatin1() + '"'; // [A-Z0-9] from the mirror
        }
    }
    json += ']';
    inMirror.resize(size_t(read.size()));
    entities.bind(1, json);
    while (entities.step()) {
        sqlite3_stmt *s = entities.get();
        const qint64 index = sqlite3_column_int64(s, 0);
        if (index < 0 || index >= read.size())
            continue;
        Match::Entity &e = read[index];
        inMirror[size_t(index)] = true;
        e.legalName = text(s, 1);
        for (int column : {2, 3}) {
            const QString names = text(s, column);
            if (!names.isEmpty())
                e.otherNames += names.split(QLatin1Char(kNameSeparator));
        }
        e.legalCountry = text(s, 4);
        e.hqCountry = text(s, 5);
        e.city = text(s, 6);
        e.legalForm = text(s, 7);
        e.entityStatus = text(s, 8);
        e.registrationStatus = text(s, 9);
    }
    entities.reset();
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);

    for (qsizetype i = 0; i < count; ++i) {
        for (const auto &[lei, isByBic] : std::as_const(found[i])) {
            const qsizetype index = indexOf.value(lei);
            if (!inMirror[size_t(index)])
                continue; // a BIC of an LEI the mirror has no record of
            out[i].append(read[index]);
            out[i].last().lei = lei;
            out[i].last().byBic = isByBic;
        }
    }
    return {};
}

// A second thread pays for itself from a few dozen names on.
constexpr qsizetype kSplitAt = 64;

} // namespace

QVector<QVector<Match::Entity>> MirrorStore::matchCandidates(const QVector<Match::Query> &queries) const
{
    QVector<QVector<Match::Entity>> out(queries.size());
    m_error.clear();
    if (!hasNameIndex()) {
        if (m_db)
            m_error = tr("%1: built by an earlier version without the name index: import a full LEI2 file again "
                         "(lei-enrich mirror update)")
                          .arg(QDir::toNativeSeparators(m_path));
        return out;
    }
    // Two connections, each half of the names, as lookup() does.
    qsizetype half = queries.size() >= kSplitAt && QThread::idealThreadCount() > 1 && openHelper() ? queries.size() / 2 : 0;
    QString helperError;
    std::thread helper;
    if (half > 0) {
        try {
            helper = std::thread([&] { helperError = matchPart(m_helperDb, queries.data(), half, out.data()); });
        } catch (const std::system_error &) {
            half = 0;
        }
    }
    QString error = matchPart(m_db, queries.data() + half, queries.size() - half, out.data() + half);
    if (helper.joinable())
        helper.join();
    if (error.isEmpty())
        error = helperError;
    if (!error.isEmpty())
        m_error = tr("%1: %2").arg(QDir::toNativeSeparators(m_path), error);
    return out;
}
