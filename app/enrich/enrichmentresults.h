#pragma once

#include "extracolumns.h"
#include "fieldcatalogue.h"
#include "gleifrecord.h"
#include "matchtypes.h"
#include "numberformat.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

class CsvFile;

// The enrichment_status codes of the product contract.
enum class RowStatus : quint8 { Pending, Ok, InvalidLei, NotFound, LookupFailed, BadNumber };

namespace Status {
QString code(RowStatus status);                 // "ok", "invalid_lei", ...
QString describe(RowStatus status);             // "GLEIF has no record", for headings
inline constexpr RowStatus kAll[] = {RowStatus::Ok, RowStatus::InvalidLei, RowStatus::NotFound,
                                     RowStatus::LookupFailed, RowStatus::BadNumber, RowStatus::Pending};
}

// Row warnings: a row that was enriched (whatever its status) but needs a look. Codes are
// machine-read, like the status codes: `extra_fields` (more fields than the header),
// `missing_fields` (fewer); LEI health codes join them later.
namespace RowWarning {
inline const QString kExtraFields = QStringLiteral("extra_fields");
inline const QString kMissingFields = QStringLiteral("missing_fields");
QString describe(const QString &code); // in words, for tooltips
// In words for one row of `file`, for the failures panel: a field-count code says how many
// fields the row and the header have.
QString describe(const QString &code, const CsvFile &file, qint64 row);
}

// What one distinct LEI resolved to.
struct LeiAnswer
{
    enum class State : quint8 { Pending, Found, NotFound, Failed };
    QString lei;
    State state = State::Pending;
    QString country;        // when Found: what the cost rule is chosen by, whatever the fields
    QStringList values;     // when Found: the run's chosen fields (EnrichmentResults::fieldIds()), in order
    QString reason;         // for Failed, and the network error behind a stale answer
    QString parentFailure;  // why the parent lookup failed (parent_lookup_failed)
    bool fromCache = false;
    bool fromMirror = false; // the local Golden Copy mirror answered
    bool stale = false;     // an expired answer (cache or mirror) used because GLEIF could not be reached
};

// Per-row results of a job: compact arrays (about 17 bytes a row) plus one entry per distinct
// LEI, so a million rows over ten thousand LEIs stay small. Read by the table model, the
// failures panel and the exporters; written only by the job, on the thread that owns it.
class EnrichmentResults final : public ExtraColumns
{
public:
    // The added columns: the chosen GLEIF fields, then transaction_costs and enrichment_status,
    // then with matching matched_lei, match_score, match_status and match_candidates.
    static QStringList columnNames(const QVector<Fields::Id> &fields = Fields::defaults(), bool matching = false);
    QStringList addedColumnNames() const { return columnNames(m_fields, m_matching); }
    const QVector<Fields::Id> &fieldIds() const { return m_fields; }
    int fieldCount() const { return int(m_fields.size()); }
    int costColumn() const { return fieldCount(); }       // among the added columns
    int statusColumn() const { return fieldCount() + 1; }
    // Matching (product contract, "Matching"): whether the run matched rows by name or BIC,
    // the first of its four columns, and a row's result (null for a row not considered).
    bool hasMatching() const { return m_matching; }
    int matchColumn() const { return fieldCount() + 2; }
    const Match::Result *match(qint64 row) const;
    // Rows per match status (exact, probable, ambiguous, none, accepted).
    qint64 countOfMatch(Match::Status status) const;

    qint64 rowCount() const { return qint64(m_rowStatus.size()); }
    int leiColumn() const { return m_leiColumn; } // the input column the LEIs were read from
    // How the input writes numbers: the CSV export writes the cost the same way.
    Number::Convention convention() const { return m_convention; }
    RowStatus status(qint64 row) const { return RowStatus(m_rowStatus[size_t(row)]); }
    const LeiAnswer *answer(qint64 row) const;
    qint32 answerIndex(qint64 row) const { return m_rowLei[size_t(row)]; } // -1: invalid LEI
    qint64 answerCount() const { return qint64(m_answers.size()); }
    const LeiAnswer &answerAt(qint64 index) const { return m_answers[size_t(index)]; }
    bool hasCost(qint64 row) const { return status(row) == RowStatus::Ok; }
    double cost(qint64 row) const { return m_cost[size_t(row)]; }
    // The reason in words for a row that is not ok ("check digits wrong", "rate is 0: ...").
    QString reason(qint64 row) const;
    // The added fields as text, as the CSV export writes them (before neutralising).
    QStringList fields(qint64 row) const;
    QString field(qint64 row, int column) const;
    qint64 countOf(RowStatus status) const;

    // Row warnings, kept sparsely (nothing for rows without any) in row order.
    QStringList warnings(qint64 row) const;
    bool hasWarnings(qint64 row) const;
    std::vector<qint64> warningRows() const; // rows with at least one warning, ascending
    qint64 warningRowCount() const { return m_warningRows; }
    qint64 countOfWarning(const QString &code) const; // rows with this code
    void addWarning(qint64 row, const QString &code); // once per row and code
    // One of a row's warnings in words: with `file`, how many fields a short or long row has;
    // an LEI health code as HealthWarnings says it, parent_lookup_failed with its reason.
    QString describeWarning(qint64 row, const QString &code, const CsvFile *file = nullptr) const;
    // Flags the file's rows that have more (`extra_fields`) or fewer (`missing_fields`) fields
    // than its header.
    void addFieldCountWarnings(const CsvFile &file);

    // ExtraColumns
    int extraColumnCount() const override { return fieldCount() + 2 + (m_matching ? 4 : 0); }
    QString extraHeader(int column) const override { return addedColumnNames().value(column); }
    QVariant extraData(qint64 row, int column, int role) const override;
    QVariant rowBackground(qint64 row) const override;

private:
    friend class EnrichmentJob;
    friend class HealthWarnings; // rebuilds the LEI health warnings in one pass
    int m_leiColumn = -1;
    Number::Convention m_convention = Number::Convention::Point;
    QVector<Fields::Id> m_fields = Fields::defaults();
    std::vector<qint32> m_rowLei;   // index into m_answers; -1 when the LEI is invalid
    std::vector<quint8> m_rowStatus;
    std::vector<double> m_cost;
    QHash<qint64, QString> m_rowReason; // invalid_lei and bad_number reasons, by row
    std::vector<LeiAnswer> m_answers;
    std::vector<qint64> m_statusCounts = std::vector<qint64>(6, 0);
    bool m_matching = false;
    std::vector<qint32> m_rowMatch; // index into m_matches; -1 for a row not considered
    QVector<Match::Result> m_matches;
    struct Warning
    {
        qint64 row;
        qint32 code; // index into m_warningCodes
        bool operator<(const Warning &o) const { return row < o.row || (row == o.row && code < o.code); }
    };
    std::vector<Warning> m_warnings; // sorted
    QStringList m_warningCodes;
    qint64 m_warningRows = 0;
};
