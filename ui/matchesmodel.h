#pragma once

#include "matchstage.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QVector>

#include <memory>

class CsvFile;
class EnrichmentResults;

// The Matches dock's list: each distinct query of a run that a person must decide (probable,
// ambiguous, and none with candidates), the rows asking it counted, most rows first; under each
// its candidates, best first. A query decided in the review is marked (accepted or rejected).
class MatchesModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatchesModel)
public:
    enum Column { Name, Score, MatchedWords, Country, City, LegalForm, Registration, Lei, OtherNames, ColumnCount };
    enum Role { FirstRowRole = Qt::UserRole + 1 }; // an entry's first row in the file
    enum class State { Open, Accepted, Rejected };
    struct Entry
    {
        QString name;    // as the run asked it (spaces simplified): what a decision is keyed by
        QString country; // ISO alpha-2, empty: any
        QString bic;
        const Match::Result *result = nullptr; // in the results held
        qint64 firstRow = -1;
        qint64 rows = 0;
        State state = State::Open;
        QString lei; // accepted
    };

    explicit MatchesModel(QObject *parent = nullptr);
    ~MatchesModel() override;

    // The entries of a run made with `columns`; an empty list when it did not match.
    void setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file,
                    const MatchColumns &columns);
    void clear();
    int entryCount() const { return int(m_entries.size()); }
    const Entry &entry(int index) const { return m_entries[index]; }
    int openCount() const;
    // An entry index for a top-level index or its candidate's; -1 for none.
    int entryOf(const QModelIndex &index) const;
    int candidateOf(const QModelIndex &index) const; // -1 for an entry itself
    QModelIndex entryIndex(int entry) const;
    QModelIndex candidateIndex(int entry, int candidate) const;
    // Marks every entry asking the same name and country (as decisions are keyed): `lei`
    // accepted, or rejected when empty.
    void setDecision(const QString &name, const QString &country, const QString &lei);
    // The key LeiCache::lookupDecisions() answers by.
    static QString decisionKey(const QString &name, const QString &country);
    // Every entry's (name, country), for LeiCache::lookupDecisions(); entries without a name left out.
    QList<QPair<QString, QString>> queries() const;
    // How a score is made, for tooltips.
    static QString scoreExplanation();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant entryData(const Entry &e, int column, int role) const;
    QVariant candidateData(const Entry &e, const Match::Candidate &c, int column, int role) const;

    std::shared_ptr<const EnrichmentResults> m_results; // keeps the entries' results alive
    QVector<Entry> m_entries;
};
