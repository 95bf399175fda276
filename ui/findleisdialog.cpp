#include "findleisdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

// "Counterparty_Name", "legal name" -> "counterpartyname", "legalname".
QString folded(const QString &header)
{
    QString f;
    for (const QChar c : header)
        if (c.isLetterOrNumber())
            f += c.toCaseFolded();
    return f;
}

// The first column named as one of `exact`, else the first whose name contains one of `parts`.
int findColumn(const QStringList &header, const QStringList &exact, const QStringList &parts, int skip = -1)
{
    for (const QString &name : exact)
        for (int c = 0; c < int(header.size()); ++c)
            if (c != skip && folded(header[c]) == name)
                return c;
    for (int c = 0; c < int(header.size()); ++c)
        for (const QString &part : parts)
            if (c != skip && folded(header[c]).contains(part))
                return c;
    return -1;
}

} // namespace

MatchColumns FindLeisDialog::proposed(const QStringList &header)
{
    MatchColumns m;
    m.name = findColumn(header,
                        {QStringLiteral("name"), QStringLiteral("counterparty"), QStringLiteral("legalname"),
                         QStringLiteral("counterpartyname"), QStringLiteral("entityname"), QStringLiteral("companyname")},
                        {QStringLiteral("name"), QStringLiteral("counterparty")});
    m.country = findColumn(header, {QStringLiteral("country"), QStringLiteral("countrycode")},
                           {QStringLiteral("country")}, m.name);
    m.bic = findColumn(header, {QStringLiteral("bic"), QStringLiteral("swift")},
                       {QStringLiteral("bic"), QStringLiteral("swift")}, m.name);
    return m;
}

FindLeisDialog::FindLeisDialog(const QStringList &header, const MatchColumns &current, QWidget *parent)
    : QDialog(parent)
    , m_name(new QComboBox(this))
    , m_country(new QComboBox(this))
    , m_bic(new QComboBox(this))
    , m_acceptProbable(new QCheckBox(tr("Also enrich &probable matches"), this))
{
    setWindowTitle(tr("Find LEIs"));
    auto *intro = new QLabel(tr("Rows whose LEI is empty or invalid (every row when there is no LEI column) "
                                "are matched to GLEIF entities by name, country and BIC. Exact matches are "
                                "enriched; the others are listed under View > Matches for you to decide."),
                             this);
    intro->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("nameColumn"));
    m_country->setObjectName(QStringLiteral("countryColumn"));
    m_bic->setObjectName(QStringLiteral("bicColumn"));
    m_acceptProbable->setObjectName(QStringLiteral("acceptProbable"));
    m_acceptProbable->setToolTip(tr("Probable: the best candidate scores 90 or more and at least 10 more than the next. "
                                    "Unchecked, probable rows wait for your review."));
    m_name->addItems(header);
    m_country->addItem(tr("none"));
    m_country->addItems(header);
    m_bic->addItem(tr("none"));
    m_bic->addItems(header);
    const MatchColumns start = current.name >= 0 ? current : proposed(header);
    m_name->setCurrentIndex(qMax(0, start.name));
    m_country->setCurrentIndex(start.country + 1);
    m_bic->setCurrentIndex(start.bic + 1);
    m_acceptProbable->setChecked(start.acceptProbable);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name column:"), m_name);
    form->addRow(tr("&Country column:"), m_country);
    form->addRow(tr("&BIC column:"), m_bic);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Find and Enrich"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!header.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_acceptProbable);
    layout->addWidget(buttons);
}

FindLeisDialog::~FindLeisDialog() = default;

MatchColumns FindLeisDialog::columns() const
{
    MatchColumns m;
    m.name = m_name->currentIndex();
    m.country = m_country->currentIndex() - 1;
    m.bic = m_bic->currentIndex() - 1;
    m.acceptProbable = m_acceptProbable->isChecked();
    return m;
}
