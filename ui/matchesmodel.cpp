#include "matchesmodel.h"

#include "csvfile.h"
#include "enrichmentresults.h"
#include "leicache.h"
#include "namematcher.h"

#include <QColor>
#include <QFont>

#include <algorithm>

MatchesModel::MatchesModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

MatchesModel::~MatchesModel() = default;

void MatchesModel::setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file,
                              const MatchColumns &columns)
{
    beginResetModel();
    m_entries.clear();
    m_results = std::move(results);
    if (m_results && file && m_results->hasMatching()) {
        // Rows asking the same query share one result: one entry per result.
        QHash<const Match::Result *, int> byResult;
        for (qint64 row = 0; row < m_results->rowCount(); ++row) {
            const Match::Result *r = m_results->match(row);
            if (!r || !(r->status == Match::Status::Probable || r->status == Match::Status::Ambiguous
                        || (r->status == Match::Status::None && !r->candidates.isEmpty())))
                continue;
            if (const auto it = byResult.constFind(r); it != byResult.constEnd()) {
                ++m_entries[*it].rows;
                continue;
            }
            Entry e;
            // As MatchStage reads the row, so that a decision is found by the next run.
            if (columns.name >= 0)
                e.name = file->cell(row, columns.name).simplified();
            if (columns.country >= 0)
                e.country = Match::countryCode(file->cell(row, columns.country));
            if (columns.bic >= 0)
                e.bic = file->cell(row, columns.bic).trimmed().toUpper();
            e.result = r;
            e.firstRow = row;
            e.rows = 1;
            byResult.insert(r, int(m_entries.size()));
            m_entries.append(e);
        }
        std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) { return a.rows > b.rows; });
    }
    endResetModel();
}

void MatchesModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_results.reset();
    endResetModel();
}

int MatchesModel::openCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) { return e.state == State::Open; }));
}

QString MatchesModel::decisionKey(const QString &name, const QString &country)
{
    return LeiCache::decisionKey(name) + u'\n' + country;
}

QList<QPair<QString, QString>> MatchesModel::queries() const
{
    QList<QPair<QString, QString>> asked;
    for (const Entry &e : m_entries)
        if (!e.name.isEmpty())
            asked.append({e.name, e.country});
    return asked;
}

void MatchesModel::setDecision(const QString &name, const QString &country, const QString &lei)
{
    const QString key = decisionKey(name, country);
    for (int i = 0; i < m_entries.size(); ++i) {
        Entry &e = m_entries[i];
        if (e.name.isEmpty() || decisionKey(e.name, e.country) != key)
            continue;
        e.state = lei.isEmpty() ? State::Rejected : State::Accepted;
        e.lei = lei;
        Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        if (const int n = rowCount(index(i, 0)); n > 0)
            Q_EMIT dataChanged(candidateIndex(i, 0), candidateIndex(i, n - 1).siblingAtColumn(ColumnCount - 1));
    }
}

int MatchesModel::entryOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    return index.internalId() == 0 ? index.row() : int(index.internalId() - 1);
}

int MatchesModel::candidateOf(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && index.internalId() != 0 ? index.row() : -1;
}

QModelIndex MatchesModel::entryIndex(int entry) const
{
    return index(entry, 0);
}

QModelIndex MatchesModel::candidateIndex(int entry, int candidate) const
{
    return index(candidate, 0, entryIndex(entry));
}

QModelIndex MatchesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // Entries have id 0, a candidate its entry's index + 1.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex MatchesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int MatchesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_entries[parent.row()].result->candidates.size());
}

int MatchesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant MatchesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return entryData(m_entries[index.row()], index.column(), role);
    const Entry &e = m_entries[int(index.internalId() - 1)];
    return candidateData(e, e.result->candidates[index.row()], index.column(), role);
}

QVariant MatchesModel::entryData(const Entry &e, int column, int role) const
{
    if (role == FirstRowRole)
        return e.firstRow;
    if (column != Name) // the view spans an entry's first column over the row
        return {};
    switch (role) {
    case Qt::DisplayRole: {
        QString query = e.name.isEmpty() ? tr("BIC %1").arg(e.bic) : e.name;
        if (!e.country.isEmpty())
            query += QStringLiteral(" (%1)").arg(e.country);
        if (!e.name.isEmpty() && !e.bic.isEmpty())
            query += tr(", BIC %1").arg(e.bic);
        QString state;
        if (e.state == State::Accepted) {
            const auto &candidates = e.result->candidates;
            const auto chosen = std::find_if(candidates.cbegin(), candidates.cend(),
                                             [&](const Match::Candidate &c) { return c.entity.lei == e.lei; });
            state = tr("accepted: %1").arg(chosen != candidates.cend() ? chosen->entity.legalName : e.lei);
        } else if (e.state == State::Rejected) {
            state = tr("rejected: none of these");
        } else {
            state = MatchStage::statusCode(e.result->status);
            if (!e.result->reason.isEmpty())
                state += QStringLiteral(" (%1)").arg(e.result->reason);
        }
        return tr("%1 \u2014 %2 \u00b7 rows: %L3").arg(query, state).arg(e.rows);
    }
    case Qt::ToolTipRole:
        return e.name.isEmpty() ? tr("Found by BIC only: without a name the decision cannot be remembered.")
                                : tr("Enter accepts the selected candidate (the best when the query is selected), "
                                     "Delete rejects them all. Double-click to show the row.");
    case Qt::FontRole:
        if (e.state == State::Open) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        return e.state == State::Open ? QVariant() : QVariant(QColor(Qt::gray));
    default:
        return {};
    }
}

QVariant MatchesModel::candidateData(const Entry &e, const Match::Candidate &c, int column, int role) const
{
    const Match::Entity &entity = c.entity;
    const bool chosen = e.state == State::Accepted && entity.lei == e.lei;
    switch (role) {
    case FirstRowRole:
        return e.firstRow;
    case Qt::ForegroundRole:
        return e.state != State::Open && !chosen ? QVariant(QColor(Qt::gray)) : QVariant();
    case Qt::TextAlignmentRole:
        return column == Score ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        if (column == Score || column == MatchedWords)
            return scoreExplanation();
        if (column == Name && c.matchedName != entity.legalName && !c.matchedName.isEmpty())
            return tr("Matched through its other name \"%1\"").arg(c.matchedName);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case Name:
        return chosen ? QStringLiteral("\u2713 ") + entity.legalName : entity.legalName;
    case Score:
        return c.score;
    case MatchedWords:
        return entity.byBic ? tr("by BIC") : c.matchedWords.join(QStringLiteral(", "));
    case Country:
        return entity.hqCountry.isEmpty() || entity.hqCountry == entity.legalCountry
            ? entity.legalCountry
            : tr("%1 (HQ %2)").arg(entity.legalCountry, entity.hqCountry);
    case City:
        return entity.city;
    case LegalForm:
        return entity.legalForm;
    case Registration:
        return entity.entityStatus == u"INACTIVE" ? tr("%1, inactive").arg(entity.registrationStatus)
                                                   : entity.registrationStatus;
    case OtherNames:
        return entity.otherNames.join(QStringLiteral("; "));
    case Lei:
        return entity.lei;
    default:
        return {};
    }
}

QVariant MatchesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && (section == Score || section == MatchedWords))
        return scoreExplanation();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name / candidate");
    case Score: return tr("Score");
    case MatchedWords: return tr("Words matched");
    case Country: return tr("Country");
    case City: return tr("City");
    case LegalForm: return tr("Legal form");
    case Registration: return tr("Registration");
    case OtherNames: return tr("Other names");
    case Lei: return tr("LEI");
    default: return {};
    }
}

QString MatchesModel::scoreExplanation()
{
    return tr("<p><b>How the score is made</b> (0-100): both names are normalised first: case, accents, "
              "punctuation and spaces, &amp; and \"and\", a leading \"The\"; the legal form (Ltd, GmbH, SA, "
              "written out or not) is set apart. The score is 100 less the share of characters that must "
              "change to turn one name into the other: one typo in a ten-letter name costs about 10. "
              "Legal forms that differ cost 30, one written on one side only 4. Each candidate's legal "
              "and other names are scored; the best counts. Words matched: the normalised words both "
              "names share.</p>"
              "<p><b>exact</b>: the name is that of one entity only (country agreeing); <b>probable</b>: "
              "90 or more and at least 10 ahead of the next; <b>none</b>: under 60; anything else is "
              "<b>ambiguous</b>. A candidate found by the row's BIC is listed whatever its name scores.</p>");
}
