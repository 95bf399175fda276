#include "settingsdialog.h"

#include "duration.h"
#include "leicache.h"
#include "mirrorstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QWidget *withBrowse(QLineEdit *edit, QWidget *parent, const std::function<void()> &browse)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto *button = new QPushButton(QCoreApplication::translate("SettingsDialog", "Browse..."), row);
    QObject::connect(button, &QPushButton::clicked, row, browse);
    layout->addWidget(button);
    return row;
}

QSpinBox *spin(int min, int max, int value, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setValue(value);
    return box;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &s, QWidget *parent)
    : QDialog(parent)
    , m_original(s)
    , m_language(s.language)
{
    setWindowTitle(tr("Settings"));
    // Room for a cache path and the German labels without cutting the fields short.
    setMinimumWidth(640);
    const EnrichmentSettings &e = s.enrichment;
    auto *form = new QFormLayout;

    m_apiUrl = new QLineEdit(e.gleif.baseUrl.toString(), this);
    form->addRow(tr("GLEIF &API URL:"), m_apiUrl);
    m_lifetime = new QLineEdit(Duration::format(e.lifetime), this);
    m_lifetime->setToolTip(tr("How long an answer is used without asking GLEIF again: 90s, 30m, 24h, 7d"));
    form->addRow(tr("Cache &lifetime:"), m_lifetime);
    m_notFoundLifetime = new QLineEdit(Duration::format(e.notFoundLifetime), this);
    form->addRow(tr("Lifetime of \"&not found\":"), m_notFoundLifetime);
    m_rpm = spin(1, 100000, e.gleif.requestsPerMinute, this);
    form->addRow(tr("&Requests per minute:"), m_rpm);
    m_batch = spin(1, 200, e.gleif.batchSize, this);
    form->addRow(tr("&Batch size (LEIs per request):"), m_batch);
    m_concurrency = spin(1, 64, e.gleif.concurrency, this);
    form->addRow(tr("&Concurrent requests:"), m_concurrency);
    m_timeout = spin(1, 3600, int(std::chrono::duration_cast<std::chrono::seconds>(e.gleif.timeout).count()), this);
    m_timeout->setSuffix(tr(" s"));
    form->addRow(tr("&Timeout:"), m_timeout);

    m_cachePath = new QLineEdit(e.cachePath, this);
    m_cachePath->setPlaceholderText(LeiCache::defaultPath());
    form->addRow(tr("Cache &file:"), withBrowse(m_cachePath, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Cache file"), m_cachePath->text(),
                                                          tr("SQLite files (*.sqlite);;All files (*)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_cachePath->setText(path);
    }));
    m_rulesPath = new QLineEdit(s.rulesPath, this);
    m_rulesPath->setPlaceholderText(tr("bundled rules (GB, NL, others 0)"));
    form->addRow(tr("Cost &rules:"), withBrowse(m_rulesPath, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Cost rules"), m_rulesPath->text(),
                                                          tr("JSON files (*.json);;All files (*)"));
        if (!path.isEmpty())
            m_rulesPath->setText(path);
    }));
    m_caBundle = new QLineEdit(e.gleif.caBundlePath, this);
    m_caBundle->setPlaceholderText(tr("none: the system's certificate authorities only"));
    m_caBundle->setToolTip(tr("Extra CA certificates (PEM) trusted for GLEIF's hosts, for a proxy that "
                              "inspects TLS. The desktop's proxy settings are used; a proxy that asks "
                              "for a password is answered once per session."));
    form->addRow(tr("CA &bundle:"), withBrowse(m_caBundle, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CA bundle"), m_caBundle->text(),
                                                          tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!path.isEmpty())
            m_caBundle->setText(path);
    }));
    m_source = new QComboBox(this);
    m_source->addItem(tr("Automatic: the fresher of cache and GLEIF mirror, else the API"), int(EnrichmentSettings::Source::Auto));
    m_source->addItem(tr("GLEIF API only"), int(EnrichmentSettings::Source::Api));
    m_source->addItem(tr("GLEIF mirror only (no network)"), int(EnrichmentSettings::Source::Mirror));
    m_source->setCurrentIndex(std::max(0, m_source->findData(int(e.source))));
    form->addRow(tr("&Source of answers:"), m_source);
    m_mirrorPath = new QLineEdit(e.mirrorPath, this);
    m_mirrorPath->setPlaceholderText(MirrorStore::defaultPath());
    form->addRow(tr("GLEIF &mirror file:"), withBrowse(m_mirrorPath, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("GLEIF mirror file"), m_mirrorPath->text(),
                                                          tr("SQLite files (*.sqlite);;All files (*)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_mirrorPath->setText(path);
    }));
    m_mirrorUpdate = new QCheckBox(tr("&Update the GLEIF mirror when older than"), this);
    m_mirrorUpdate->setToolTip(tr("When the window starts and before an Enrich, an existing mirror older than this is "
                                  "updated from GLEIF in the background; enriching goes on meanwhile."));
    m_mirrorUpdate->setChecked(s.mirrorUpdateHours > 0);
    m_mirrorUpdateHours = new QSpinBox(this);
    m_mirrorUpdateHours->setRange(1, AppSettings::maxMirrorUpdateHours);
    m_mirrorUpdateHours->setSuffix(tr(" hours"));
    m_mirrorUpdateHours->setValue(s.mirrorUpdateHours > 0 ? s.mirrorUpdateHours : 24);
    m_mirrorUpdateHours->setEnabled(m_mirrorUpdate->isChecked());
    connect(m_mirrorUpdate, &QCheckBox::toggled, m_mirrorUpdateHours, &QWidget::setEnabled);
    auto *updateRow = new QWidget(this);
    auto *updateLayout = new QHBoxLayout(updateRow);
    updateLayout->setContentsMargins(0, 0, 0, 0);
    updateLayout->addWidget(m_mirrorUpdate);
    updateLayout->addWidget(m_mirrorUpdateHours);
    updateLayout->addStretch();
    form->addRow(QString(), updateRow);

    m_languageBox = new QComboBox(this);
    m_languageBox->addItem(tr("Same as the system"), QString());
    m_languageBox->addItem(QStringLiteral("English"), QStringLiteral("en")); // each in its own language
    m_languageBox->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_languageBox->setCurrentIndex(std::max(0, m_languageBox->findData(m_language)));
    auto *languageNote = new QLabel(tr("Applies after a restart."), this);
    languageNote->setEnabled(false); // greyed, like a hint
    auto *languageRow = new QWidget(this);
    auto *languageLayout = new QHBoxLayout(languageRow);
    languageLayout->setContentsMargins(0, 0, 0, 0);
    languageLayout->addWidget(m_languageBox);
    languageLayout->addWidget(languageNote, 1);
    form->addRow(tr("&Language:"), languageRow);
    m_neutraliseFormulas = new QCheckBox(tr("Also neutralise &formulas in the file's own cells"), this);
    m_neutraliseFormulas->setToolTip(tr("CSV export and copy put a ' before cells starting with = + - @ tab or CR, "
                                        "as they always do for text from GLEIF. Off: the file's cells are written unchanged."));
    m_neutraliseFormulas->setChecked(s.neutraliseFormulas);
    form->addRow(QString(), m_neutraliseFormulas);
    // Names for tests and accessibility tools.
    m_apiUrl->setObjectName(QStringLiteral("apiUrl"));
    m_lifetime->setObjectName(QStringLiteral("lifetime"));
    m_notFoundLifetime->setObjectName(QStringLiteral("notFoundLifetime"));
    m_rpm->setObjectName(QStringLiteral("requestsPerMinute"));
    m_batch->setObjectName(QStringLiteral("batchSize"));
    m_concurrency->setObjectName(QStringLiteral("concurrency"));
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_cachePath->setObjectName(QStringLiteral("cachePath"));
    m_source->setObjectName(QStringLiteral("source"));
    m_mirrorPath->setObjectName(QStringLiteral("mirrorPath"));
    m_mirrorUpdate->setObjectName(QStringLiteral("mirrorUpdate"));
    m_mirrorUpdateHours->setObjectName(QStringLiteral("mirrorUpdateHours"));
    m_rulesPath->setObjectName(QStringLiteral("rulesPath"));
    m_caBundle->setObjectName(QStringLiteral("caBundle"));
    m_languageBox->setObjectName(QStringLiteral("language"));
    m_neutraliseFormulas->setObjectName(QStringLiteral("neutraliseFormulas"));

    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #a00;"));
    m_problems->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_original;
    EnrichmentSettings &e = s.enrichment;
    e.gleif.baseUrl = QUrl(m_apiUrl->text().trimmed(), QUrl::StrictMode);
    e.source = EnrichmentSettings::Source(m_source->currentData().toInt());
    e.mirrorPath = m_mirrorPath->text().trimmed();
    e.gleif.requestsPerMinute = m_rpm->value();
    e.gleif.batchSize = m_batch->value();
    e.gleif.concurrency = m_concurrency->value();
    e.gleif.timeout = std::chrono::seconds(m_timeout->value());
    e.cachePath = m_cachePath->text().trimmed();
    // Unreadable durations become 0 s, which problems() refuses with a reason.
    e.lifetime = Duration::parse(m_lifetime->text()).value_or(std::chrono::seconds(0));
    e.notFoundLifetime = Duration::parse(m_notFoundLifetime->text()).value_or(std::chrono::seconds(0));
    s.rulesPath = m_rulesPath->text().trimmed();
    e.gleif.caBundlePath = m_caBundle->text().trimmed();
    s.language = m_languageBox->currentData().toString(); // an unknown stored value shows as "system"
    s.neutraliseFormulas = m_neutraliseFormulas->isChecked();
    s.mirrorUpdateHours = m_mirrorUpdate->isChecked() ? m_mirrorUpdateHours->value() : 0;
    return s;
}

QString SettingsDialog::problemText() const
{
    return m_problems->isVisible() ? m_problems->text() : QString();
}

void SettingsDialog::accept()
{
    QStringList problems = settings().problems();
    if (!Duration::parse(m_lifetime->text()))
        problems.prepend(tr("The cache lifetime is not a duration (examples: 90s, 30m, 24h, 7d)."));
    if (!Duration::parse(m_notFoundLifetime->text()))
        problems.prepend(tr("The lifetime of \"not found\" answers is not a duration (examples: 30m, 1h)."));
    if (const QString path = m_cachePath->text().trimmed(); !path.isEmpty()) {
        if (const QString why = LeiCache::unwritableReason(path); !why.isEmpty())
            problems.prepend(tr("The cache file cannot be used: %1.").arg(why));
    }
    problems.removeDuplicates();
    if (!problems.isEmpty()) {
        m_problems->setText(problems.join(u'\n'));
        m_problems->show();
        return;
    }
    m_problems->hide();
    QDialog::accept();
}
