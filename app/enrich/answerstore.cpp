#include "answerstore.h"

#include "enrichmentjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentMap>

namespace {

// The fields the cache keeps no column for, read from the raw record it keeps beside them.
void completeFromRaw(GleifRecord &record)
{
    GleifRecord full;
    if (!record.rawJson.isEmpty() && GleifRecord::fromJson(QJsonDocument::fromJson(record.rawJson).object(), &full, false)) {
        record.hqCountry = full.hqCountry;
        record.city = full.city;
        record.jurisdiction = full.jurisdiction;
        record.legalForm = full.legalForm;
        record.category = full.category;
        record.otherNames = full.otherNames;
        record.nextRenewalDate = full.nextRenewalDate;
        record.successorLei = full.successorLei;
        record.directParent = full.directParent;
        record.ultimateParent = full.ultimateParent;
    }
    record.rawJson.clear(); // not kept: the values are computed from the fields
}

// The one store today: the user's cache file (LeiCache) and the local Golden Copy mirror
// (MirrorStore), either of which may be absent.
class LocalAnswerStore final : public AnswerStore
{
public:
    // `decisionsOnly`: the cache is read for review decisions and nothing else (--source mirror
    // keeps and reads no answers of GLEIF's API, yet applies what the analyst decided).
    LocalAnswerStore(std::unique_ptr<LeiCache> cache, QString cachePath, std::unique_ptr<MirrorStore> mirror, bool decisionsOnly)
        : m_cache(std::move(cache)), m_cachePath(std::move(cachePath)), m_mirror(std::move(mirror)),
          m_published(m_mirror ? m_mirror->publishDate(MirrorFileType::Lei2) : QDateTime()), m_decisionsOnly(decisionsOnly)
    {
    }

    QString open() override
    {
        if (!m_cache)
            return {};
        if (!m_cache->open(m_cachePath))
            return m_decisionsOnly ? QString()
                                   : QCoreApplication::translate("EnrichmentJob", "running without a cache: %1").arg(m_cache->lastError());
        return m_cache->warning();
    }

    QDateTime registerPublished() const override { return m_published; }

    StoredAnswers lookup(const QStringList &leis, bool kept) override
    {
        StoredAnswers held;
        if (m_mirror)
            held.registered = m_mirror->lookup(leis); // it spreads a long list over two threads itself
        if (!kept || !answersOpen())
            return held;
        // The raw records always: LEI health (renewal_due, successor:LEI) is judged on every run
        // and needs parts of the record the cache keeps nowhere else; a warm run must judge like
        // the run that fetched.
        held.kept = m_cache->lookup(leis, LeiCache::RawRecord::Include);
        // Some 10-20 us a record: spread over the cores.
        std::vector<GleifRecord *> records;
        records.reserve(size_t(held.kept.size()));
        for (CachedAnswer &c : held.kept)
            if (!c.result.record.rawJson.isEmpty())
                records.push_back(&c.result.record);
        QtConcurrent::blockingMap(records, [](GleifRecord *record) { completeFromRaw(*record); });
        return held;
    }

    QString store(const QList<LookupResult> &answers) override
    {
        if (!answersOpen())
            return {}; // opening failed: already said
        const QString before = m_cache->warning();
        if (!m_cache->store(answers))
            return writeFailure();
        return m_cache->warning() != before ? m_cache->warning() : QString(); // moved aside meanwhile
    }

    QHash<QString, ParentResult> lookupParents(const QStringList &leis) override
    {
        return answersOpen() ? m_cache->lookupParents(leis) : QHash<QString, ParentResult>();
    }

    QString storeParents(const QList<ParentResult> &parents) override
    {
        if (!answersOpen())
            return {};
        return m_cache->storeParents(parents) ? QString() : writeFailure();
    }

    bool searchesLocally() const override { return m_mirror != nullptr; }

    QVector<QVector<Match::Entity>> matchCandidates(const QVector<Match::Query> &queries) override
    {
        return m_mirror ? m_mirror->matchCandidates(queries) : AnswerStore::matchCandidates(queries);
    }

    QHash<QString, QStringList> lookupSearches(const QStringList &keys) override
    {
        return answersOpen() ? m_cache->lookupSearches(keys) : QHash<QString, QStringList>();
    }

    QString storeSearches(const QHash<QString, QStringList> &answers, const QDateTime &fetchedAt) override
    {
        if (!answersOpen())
            return {};
        return m_cache->storeSearches(answers, fetchedAt) ? QString() : writeFailure();
    }

    QHash<QString, QString> lookupDecisions(const QList<QPair<QString, QString>> &nameCountry) override
    {
        return cacheOpen() ? m_cache->lookupDecisions(nameCountry) : QHash<QString, QString>();
    }

private:
    bool cacheOpen() const { return m_cache && m_cache->isOpen(); }
    bool answersOpen() const { return cacheOpen() && !m_decisionsOnly; }
    // The notice when a write failed.
    QString writeFailure() const
    {
        return QCoreApplication::translate("EnrichmentJob", "could not write to the cache: %1").arg(m_cache->lastError());
    }

    std::unique_ptr<LeiCache> m_cache;
    QString m_cachePath;
    std::unique_ptr<MirrorStore> m_mirror;
    QDateTime m_published;
    bool m_decisionsOnly = false;
};

} // namespace

bool AnswerStore::create(const EnrichmentSettings &settings, std::shared_ptr<AnswerStore> *store, QString *error)
{
    using Source = EnrichmentSettings::Source;
    *store = settings.store;
    if (*store)
        return true;
    const bool mirrorOnly = settings.source == Source::Mirror;
    const QString cachePath = settings.useCache ? LeiCache::resolvePath(settings.cachePath) : QString();
    // --source mirror reads an existing cache for review decisions only, and never makes one.
    const bool useCache = settings.useCache
        && (!mirrorOnly || (QFileInfo(cachePath).isFile() && LeiCache::unusableReason(cachePath).isEmpty()));
    // Someone's own file given as the cache stops the run; other cache trouble only costs the cache.
    if (useCache && !mirrorOnly) {
        if (const QString why = LeiCache::unusableReason(cachePath); !why.isEmpty()) {
            *error = why;
            return false;
        }
    }
    // The mirror is opened here, so a missing one stops --source mirror before anything starts.
    std::unique_ptr<MirrorStore> mirror;
    if (settings.source != Source::Api && !settings.refresh) {
        const QString path = MirrorStore::resolvePath(settings.mirrorPath);
        const bool wanted = settings.source == Source::Mirror;
        if (QFileInfo::exists(path)) {
            mirror = std::make_unique<MirrorStore>();
            if (!mirror->open(path)) {
                if (wanted) {
                    *error = QCoreApplication::translate("EnrichmentJob", "the GLEIF mirror %1 cannot be used: %2").arg(QDir::toNativeSeparators(path), mirror->error());
                    return false;
                }
                mirror.reset(); // Auto: the API instead
            }
        } else if (wanted) {
            *error = QCoreApplication::translate("EnrichmentJob", "no GLEIF mirror at %1: make one with lei-enrich mirror update (or mirror import)")
                         .arg(QDir::toNativeSeparators(path));
            return false;
        }
    }
    if (!useCache && !mirror)
        return true;
    std::unique_ptr<LeiCache> cache;
    if (useCache) {
        cache = std::make_unique<LeiCache>();
        cache->setLifetime(settings.lifetime);
        cache->setNotFoundLifetime(settings.notFoundLifetime);
    }
    *store = std::make_shared<LocalAnswerStore>(std::move(cache), cachePath, std::move(mirror), mirrorOnly);
    return true;
}
