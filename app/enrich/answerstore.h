#pragma once
// The storage behind an enrichment run, as the run sees it (issue 13): what is known of a list of
// LEIs and where it came from (answers kept from GLEIF's API, records of a Golden Copy register),
// and where new answers go. The job talks to nothing else, so another store (a team store on
// PostgreSQL sharing one register) plugs in through create() without touching the job.
#include "gleifrecord.h"
#include "leicache.h"
#include "matchtypes.h"
#include "mirrorstore.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>
#include <memory>

struct EnrichmentSettings;

struct StoredAnswers
{
    QHash<QString, CachedAnswer> kept;        // answers GLEIF's API gave (raw records included)
    QHash<QString, MirrorAnswer> registered;  // records of the Golden Copy register
};

// Every call but create() is made on the run's one store thread, one at a time.
class AnswerStore
{
public:
    virtual ~AnswerStore() = default;

    // The store the settings name; nullptr when the run uses none. False with `error` when the
    // run cannot start (a file that is not a cache given as the cache, --source mirror and no
    // usable register); nothing is opened for writing yet.
    static bool create(const EnrichmentSettings &settings, std::shared_ptr<AnswerStore> *store, QString *error);

    // Opens what may take time (a schema migration, a damaged file moved aside): a notice for
    // the run, or empty.
    virtual QString open() = 0;
    // The publication the register was last brought to: the age of its "not found". Invalid:
    // no register. Known from create() on, callable from any thread.
    virtual QDateTime registerPublished() const = 0;
    // What the store holds of `leis`; kept answers are left out when `kept` is false (--refresh).
    virtual StoredAnswers lookup(const QStringList &leis, bool kept) = 0;
    // Keeps answers GLEIF's API gave: empty, or why they could not be kept (a notice).
    virtual QString store(const QList<LookupResult> &answers) = 0;
    // Parents kept for found LEIs (those the register answered come with its records).
    virtual QHash<QString, ParentResult> lookupParents(const QStringList &leis) = 0;
    virtual QString storeParents(const QList<ParentResult> &parents) = 0;

    // Matching (issue 14). A store without these answers nothing and keeps nothing.
    // True when the register answers name and BIC searches itself (no request).
    virtual bool searchesLocally() const { return false; }
    // Per query, the entities the register's name and BIC index propose (same order).
    virtual QVector<QVector<Match::Entity>> matchCandidates(const QVector<Match::Query> &queries)
    {
        return QVector<QVector<Match::Entity>>(queries.size());
    }
    // GLEIF searches kept (key: "name:..." / "bic:..." -> the LEIs it named), fresh ones only.
    virtual QHash<QString, QStringList> lookupSearches(const QStringList &) { return {}; }
    virtual QString storeSearches(const QHash<QString, QStringList> &, const QDateTime &) { return {}; }
    // Review decisions for (name, country) pairs, keyed LeiCache::decisionKey(name) + '\n' + country.
    virtual QHash<QString, QString> lookupDecisions(const QList<QPair<QString, QString>> &) { return {}; }
};
