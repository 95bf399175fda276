#include "costrules.h"

#include "csvfile.h"
#include "numberformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <muParser.h>

#include <cmath>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CostRules", text);
}

QString fromMu(const mu::string_type &s)
{
    return QString::fromStdString(s);
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
        } catch (const mu::Parser::exception_type &e) {
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

CostRules::Rule *CostRules::ruleFor(const QString &country)
{
    const int index = m_byCountry.value(country, 0);
    return m_rules[size_t(index)].get();
}

CostRules::Result CostRules::evaluate(const QString &country, const std::function<QString(int)> &cell)
{
    Rule *rule = ruleFor(country);
    Result result;
    for (size_t i = 0; i < rule->columns.size(); ++i) {
        const QString text = cell(rule->columns[i]);
        if (!Number::parse(text, &rule->values[i])) {
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
    Rule *rule = ruleFor(country);
    for (size_t i = 0; i < rule->columns.size(); ++i) {
        if (!Number::parse(file.rawField(row, rule->columns[i], &m_scratch), &rule->values[i]))
            return evaluate(country, [&](int c) { return file.cell(row, c); }); // for the reason
    }
    return run(rule);
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
        for (size_t i = 0; i < rule->values.size(); ++i) {
            if (rule->values[i] == 0) {
                result.reason = tr("%1 is 0: division by zero").arg(rule->variables[int(i)]);
                return result;
            }
        }
        result.reason = tr("the result is not a finite number");
        return result;
    }
    result.ok = true;
    return result;
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
