#include "costrules.h"

#include "csvfile.h"
#include "numberformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <muParser.h>

#include <cfenv>
#include <cmath>
#include <limits>
#include <algorithm>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CostRules", text);
}

QString fromMu(const mu::string_type &s)
{
    return QString::fromStdString(s);
}

// Diagnosis of a result that is not finite (see CostRules::diagnose()): muParser's functions
// that leave their domain, replaced by ones that note the first such call on this thread.
thread_local const char *t_domainError = nullptr;

double noted(double result, bool outside, const char *what)
{
    if (outside && !t_domainError)
        t_domainError = what;
    return result;
}

const char *const LogOf0 = QT_TRANSLATE_NOOP("CostRules", "log of 0");
const char *const LogOfNegative = QT_TRANSLATE_NOOP("CostRules", "log of a negative number");

double diagLn(double x) { return noted(std::log(x), x <= 0, x == 0 ? LogOf0 : LogOfNegative); }
double diagLog2(double x) { return noted(std::log2(x), x <= 0, x == 0 ? LogOf0 : LogOfNegative); }
double diagLog10(double x) { return noted(std::log10(x), x <= 0, x == 0 ? LogOf0 : LogOfNegative); }
double diagSqrt(double x) { return noted(std::sqrt(x), x < 0, QT_TRANSLATE_NOOP("CostRules", "square root of a negative number")); }
double diagAsin(double x) { return noted(std::asin(x), std::abs(x) > 1, QT_TRANSLATE_NOOP("CostRules", "asin outside -1 to 1")); }
double diagAcos(double x) { return noted(std::acos(x), std::abs(x) > 1, QT_TRANSLATE_NOOP("CostRules", "acos outside -1 to 1")); }
double diagAcosh(double x) { return noted(std::acosh(x), x < 1, QT_TRANSLATE_NOOP("CostRules", "acosh below 1")); }
double diagAtanh(double x) { return noted(std::atanh(x), std::abs(x) >= 1, QT_TRANSLATE_NOOP("CostRules", "atanh of 1 or beyond")); }

// "-inf", "+inf" or "not a number", as a reason says what the result is.
QString describeValue(double value)
{
    if (std::isnan(value))
        return QCoreApplication::translate("CostRules", "not a number");
    return value < 0 ? QStringLiteral("-inf") : QStringLiteral("+inf");
}

} // namespace

struct CostRules::Rule
{
    QString name;    // "GB", or "default"
    QString formula;
    QStringList variables;      // names the formula uses
    std::vector<int> columns;   // their columns, after bind()
    std::vector<double> values; // muParser reads the row's values from here
    mu::Parser parser;
    // For diagnose() only, built on first use over `values` as they were then.
    std::unique_ptr<mu::Parser> diagnostic;
    const double *diagnosticValues = nullptr;
};

CostRules::CostRules() = default;
CostRules::~CostRules() = default;
CostRules::CostRules(CostRules &&) noexcept = default;
CostRules &CostRules::operator=(CostRules &&) noexcept = default;

std::optional<CostRules> CostRules::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = tr("not a JSON object (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    const QJsonValue rulesValue = root.value(u"rules");
    if (!rulesValue.isUndefined() && !rulesValue.isObject()) {
        *error = tr("\"rules\" must be an object of country code to formula");
        return std::nullopt;
    }
    CostRules rules;
    auto add = [&](const QString &name, const QJsonValue &value) -> bool {
        if (!value.isString() || value.toString().trimmed().isEmpty()) {
            *error = tr("rule %1: the formula must be a non-empty string").arg(name);
            return false;
        }
        auto rule = std::make_unique<Rule>();
        rule->name = name;
        rule->formula = value.toString();
        try {
            rule->parser.SetExpr(rule->formula.toStdString());
            // Lists the names used without needing them defined; also reports syntax errors.
            for (const auto &var : rule->parser.GetUsedVar())
                rule->variables.append(fromMu(var.first));
            // muParser lets "rate = 0" assign to a variable (it would change the row's value
            // for the rest of the formula): parsed with the names as constants, it is refused.
            mu::Parser readOnly;
            for (const QString &variable : std::as_const(rule->variables))
                readOnly.DefineConst(variable.toStdString(), 1.0);
            readOnly.SetExpr(rule->formula.toStdString());
            readOnly.Eval();
        } catch (const mu::Parser::exception_type &e) {
            if (e.GetCode() == mu::ecUNEXPECTED_OPERATOR && e.GetToken() == "=")
                *error = tr("rule %1: \"=\" at character %2 would assign to a column; a formula only reads columns (compare with ==)")
                             .arg(name).arg(qlonglong(e.GetPos()) + 1);
            else
                *error = tr("rule %1: %2").arg(name, fromMu(e.GetMsg()));
            return false;
        }
        rules.m_rules.push_back(std::move(rule));
        return true;
    };
    if (!add(QStringLiteral("default"), root.contains(u"default") ? root.value(u"default") : QJsonValue(QStringLiteral("0"))))
        return std::nullopt;
    const QJsonObject byCountry = rulesValue.toObject();
    for (auto it = byCountry.begin(); it != byCountry.end(); ++it) {
        const QString country = it.key().trimmed().toUpper();
        if (country.size() != 2 || !country[0].isLetter() || !country[1].isLetter()) {
            *error = tr("rule %1: not a two-letter ISO country code").arg(it.key());
            return std::nullopt;
        }
        if (!add(country, it.value()))
            return std::nullopt;
        rules.m_byCountry.insert(country, int(rules.m_rules.size() - 1));
    }
    return rules;
}

std::optional<CostRules> CostRules::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QString why;
    auto rules = fromJson(f.readAll(), &why);
    if (!rules)
        *error = QStringLiteral("%1: %2").arg(path, why);
    return rules;
}

CostRules CostRules::defaults()
{
    QString error;
    auto rules = load(QStringLiteral(":/defaults/cost_rules.json"), &error);
    Q_ASSERT_X(rules, "CostRules::defaults", qPrintable(error));
    return std::move(*rules);
}

bool CostRules::bind(const QStringList &header, QString *error)
{
    QStringList trimmed;
    for (const QString &h : header)
        trimmed.append(h.trimmed());
    for (auto &rule : m_rules) {
        rule->columns.clear();
        rule->values.assign(size_t(rule->variables.size()), 0.0);
        rule->parser.ClearVar();
        for (int i = 0; i < rule->variables.size(); ++i) {
            const int column = int(trimmed.indexOf(rule->variables[i]));
            if (column >= 0 && trimmed.indexOf(rule->variables[i], column + 1) >= 0) {
                *error = tr("rule %1 uses column \"%2\", which the input has more than once")
                             .arg(rule->name, rule->variables[i]);
                return false;
            }
            if (column < 0) {
                *error = tr("rule %1 uses column \"%2\", which the input does not have")
                             .arg(rule->name, rule->variables[i]);
                return false;
            }
            rule->columns.push_back(column);
            rule->parser.DefineVar(rule->variables[i].toStdString(), &rule->values[size_t(i)]);
        }
    }
    return true;
}

QList<int> CostRules::boundColumns() const
{
    QList<int> columns;
    for (const auto &rule : m_rules)
        for (int c : rule->columns)
            if (!columns.contains(c))
                columns.append(c);
    std::sort(columns.begin(), columns.end());
    return columns;
}

CostRules::Rule *CostRules::ruleFor(const QString &country)
{
    const int index = m_byCountry.value(country, 0);
    return m_rules[size_t(index)].get();
}

CostRules::Result CostRules::evaluate(const QString &country, const std::function<QString(int)> &cell)
{
    return evaluate(ruleFor(country), cell);
}

CostRules::Result CostRules::evaluate(Rule *rule, const std::function<QString(int)> &cell)
{
    Result result;
    for (size_t i = 0; i < rule->columns.size(); ++i) {
        const QString text = cell(rule->columns[i]);
        if (!Number::parse(text, m_convention, &rule->values[i])) {
            result.reason = text.trimmed().isEmpty()
                ? tr("%1 is empty").arg(rule->variables[int(i)])
                : tr("%1 is not a number: \"%2\"").arg(rule->variables[int(i)], text.left(40));
            return result;
        }
    }
    return run(rule);
}

CostRules::Result CostRules::evaluate(const QString &country, const CsvFile &file, qint64 row)
{
    return evaluate(ruleIndex(country), file, row);
}

CostRules::Result CostRules::evaluate(int ruleIndex, const CsvFile &file, qint64 row)
{
    Rule *rule = m_rules[size_t(ruleIndex)].get();
    for (size_t i = 0; i < rule->columns.size(); ++i) {
        if (!Number::parse(file.rawField(row, rule->columns[i], &m_scratch), m_convention, &rule->values[i]))
            return evaluate(rule, [&](int c) { return file.cell(row, c); }); // for the reason
    }
    return run(rule);
}

CostRules CostRules::clone() const
{
    CostRules copy;
    copy.m_convention = m_convention;
    copy.m_byCountry = m_byCountry;
    for (const auto &rule : m_rules) {
        auto r = std::make_unique<Rule>();
        r->name = rule->name;
        r->formula = rule->formula;
        r->variables = rule->variables;
        r->columns = rule->columns;
        r->values.assign(rule->values.size(), 0.0);
        r->parser.SetExpr(r->formula.toStdString()); // parsed before: cannot throw
        for (size_t i = 0; i < r->columns.size(); ++i)
            r->parser.DefineVar(r->variables[int(i)].toStdString(), &r->values[i]);
        copy.m_rules.push_back(std::move(r));
    }
    return copy;
}

CostRules::Result CostRules::run(Rule *rule)
{
    Result result;
    try {
        result.value = rule->parser.Eval();
    } catch (const mu::Parser::exception_type &e) {
        result.reason = tr("rule %1: %2").arg(rule->name, fromMu(e.GetMsg()));
        return result;
    }
    if (!std::isfinite(result.value)) {
        result.reason = diagnose(rule, result.value);
        return result;
    }
    result.ok = true;
    return result;
}

// Evaluates the formula once more, without muParser's constant folding (which would compute
// "ln(0)" once at parse time), watching the functions that can leave their domain and the
// floating-point flags. A 0 is named only when that value alone makes the result not finite.
QString CostRules::diagnose(Rule *rule, double value)
{
    std::vector<double> &values = rule->values;
    if (!rule->diagnostic || rule->diagnosticValues != values.data()) {
        auto parser = std::make_unique<mu::Parser>();
        parser->EnableOptimizer(false);
        const std::pair<const char *, double (*)(double)> functions[] = {
            {"ln", diagLn}, {"log", diagLn}, {"log2", diagLog2}, {"log10", diagLog10}, {"sqrt", diagSqrt},
            {"asin", diagAsin}, {"acos", diagAcos}, {"acosh", diagAcosh}, {"atanh", diagAtanh}};
        try {
            for (const auto &[fname, function] : functions)
                parser->DefineFun(fname, function);
            for (size_t i = 0; i < values.size(); ++i)
                parser->DefineVar(rule->variables[int(i)].toStdString(), &values[i]);
            parser->SetExpr(rule->formula.toStdString());
        } catch (const mu::Parser::exception_type &) {
            return tr("the result is %1").arg(describeValue(value));
        }
        rule->diagnostic = std::move(parser);
        rule->diagnosticValues = values.data();
    }
    auto evaluate = [&](int *flags) {
        t_domainError = nullptr;
        std::feclearexcept(FE_ALL_EXCEPT);
        double v = 0;
        try {
            v = rule->diagnostic->Eval();
        } catch (const mu::Parser::exception_type &) {
            v = std::numeric_limits<double>::quiet_NaN();
        }
        if (flags)
            *flags = std::fetestexcept(FE_DIVBYZERO | FE_INVALID | FE_OVERFLOW);
        return v;
    };
    int flags = 0;
    evaluate(&flags);
    if (t_domainError)
        return tr("the result is %1 (%2)").arg(describeValue(value), tr(t_domainError));
    if (flags & (FE_DIVBYZERO | FE_INVALID)) {
        QStringList zeros;
        for (size_t i = 0; i < values.size(); ++i) {
            if (values[i] != 0)
                continue;
            values[i] = 1;
            if (std::isfinite(evaluate(nullptr)))
                zeros << rule->variables[int(i)];
            values[i] = 0;
        }
        if (!zeros.isEmpty())
            return tr("%1 is 0: division by zero").arg(zeros.join(QStringLiteral(", ")));
        if (flags & FE_DIVBYZERO)
            return tr("the result is %1 (division by zero)").arg(describeValue(value));
    }
    if (flags & FE_OVERFLOW)
        return tr("the result is %1 (too large for a number)").arg(describeValue(value));
    if (std::isnan(value))
        return tr("the result is not a number (an undefined operation such as 0/0 or inf - inf)");
    return tr("the result is %1").arg(describeValue(value));
}

QStringList CostRules::countries() const
{
    QStringList list = m_byCountry.keys();
    list.sort();
    return list;
}

QString CostRules::formula(const QString &country) const
{
    if (country.isEmpty())
        return m_rules.front()->formula;
    const auto it = m_byCountry.constFind(country);
    return it == m_byCountry.constEnd() ? QString() : m_rules[size_t(*it)]->formula;
}
