#pragma once

#include "numberformat.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class CsvFile;

// Transaction cost by country: one formula per ISO country code plus a default, each an
// arithmetic expression over column names, evaluated with muParser. Formulas are compiled once
// and evaluated per row.
class CostRules final
{
public:
    CostRules();
    ~CostRules();
    CostRules(CostRules &&) noexcept;
    CostRules &operator=(CostRules &&) noexcept;

    // {"rules": {"GB": "notional * rate - notional", ...}, "default": "0"}. Rejects bad JSON and
    // formulas that do not parse, naming the rule.
    static std::optional<CostRules> fromJson(const QByteArray &json, QString *error);
    static std::optional<CostRules> load(const QString &path, QString *error);
    // The bundled rules (GB, NL, default 0).
    static CostRules defaults();

    // Ties the formulas' names to the input's columns; a rule naming a column the input lacks is
    // rejected with its name. Must succeed before evaluate().
    bool bind(const QStringList &header, QString *error);

    struct Result
    {
        bool ok = false;
        double value = 0;
        QString reason; // when !ok: "rate is 0: division by zero", "the result is -inf (log of 0)",
                        // "notional is not a number: \"x\""
    };
    // `cell(column)` gives a row's text in a column.
    Result evaluate(const QString &country, const std::function<QString(int)> &cell);
    // The same for a row of a file, reading numbers straight from its bytes.
    Result evaluate(const QString &country, const CsvFile &file, qint64 row);
    // The rule a country's rows use, looked up once per country (not per row) for the next.
    int ruleIndex(const QString &country) const { return m_byCountry.value(country, 0); }
    Result evaluate(int ruleIndex, const CsvFile &file, qint64 row);
    // An independent copy (its own parsers and buffers) for evaluating on another thread.
    CostRules clone() const;

    QStringList countries() const;
    QString formula(const QString &country) const; // empty country: the default

    // How the input writes numbers (default Point); set after bind().
    void setConvention(Number::Convention convention) { m_convention = convention; }
    Number::Convention convention() const { return m_convention; }
    // The input columns some rule reads, after bind(), ascending.
    QList<int> boundColumns() const;

private:
    struct Rule;
    Rule *ruleFor(const QString &country);
    Result evaluate(Rule *rule, const std::function<QString(int)> &cell);
    Result run(Rule *rule);
    // Why a result that is not finite is so: "rate is 0: division by zero", "the result is
    // -inf (log of 0)", ...
    static QString diagnose(Rule *rule, double value);
    QByteArray m_scratch;
    Number::Convention m_convention = Number::Convention::Point;
    std::vector<std::unique_ptr<Rule>> m_rules; // [0] is the default
    QHash<QString, int> m_byCountry;
};
