#include "detailspanel.h"

#include <QRegularExpression>

#include <QLocale>

#include <QClipboard>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

DetailsPanel::DetailsPanel(QWidget *parent)
    : QWidget(parent)
{
    m_view = new QTextBrowser(this);
    m_view->setObjectName(QStringLiteral("detailsView"));
    m_view->setOpenExternalLinks(true);
    m_copyLei = new QPushButton(tr("Copy &LEI"), this);
    m_copyAll = new QPushButton(tr("Copy &All"), this);
    m_showRaw = new QPushButton(tr("&Raw Record"), this);
    m_showRaw->setCheckable(true);
    m_raw = new QPlainTextEdit(this);
    m_raw->setObjectName(QStringLiteral("rawRecord"));
    m_raw->setReadOnly(true);
    m_raw->hide();
    connect(m_copyLei, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_details.lei); });
    connect(m_copyAll, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(fieldsText()); });
    connect(m_showRaw, &QPushButton::toggled, m_raw, &QWidget::setVisible);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyLei);
    buttons->addWidget(m_copyAll);
    buttons->addWidget(m_showRaw);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 2);
    layout->addLayout(buttons);
    layout->addWidget(m_raw, 1);
    display();
}

void DetailsPanel::setPaths(const QString &cachePath, const QString &mirrorPath)
{
    m_cachePath = cachePath;
    m_mirrorPath = mirrorPath;
}

void DetailsPanel::showLei(const QString &lei)
{
    const quint64 request = ++m_request;
    if (lei.isEmpty()) {
        m_details = {};
        display();
        Q_EMIT shown();
        return;
    }
    auto *watcher = new QFutureWatcher<EntityDetails>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != m_request)
            return; // another row was selected meanwhile
        m_details = watcher->result();
        display();
        Q_EMIT shown();
    });
    watcher->setFuture(QtConcurrent::run([lei, cache = m_cachePath, mirror = m_mirrorPath] {
        return EntityDetails::load(lei, cache, mirror);
    }));
}

QString DetailsPanel::fieldsText() const
{
    QStringList lines{QStringLiteral("LEI: %1").arg(m_details.lei)};
    for (const auto &[label, value] : m_details.fields)
        lines << QStringLiteral("%1: %2").arg(label, value);
    return lines.join(u'\n');
}

namespace {

// The window's short date format with the whole year: 2099 is not 1999.
QString withWholeYear(QString format)
{
    if (!format.contains(QStringLiteral("yyyy")))
        format.replace(QStringLiteral("yy"), QStringLiteral("yyyy"));
    return format;
}

// A GLEIF date or date-time in the window's language ("1/1/2099", "01.01.2099"); other text as
// it is. Copies keep GLEIF's ISO text.
QString shownValue(const QString &value)
{
    static const QRegularExpression iso(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$)"));
    if (!iso.match(value).hasMatch())
        return value;
    const QDateTime when = QDateTime::fromString(value, Qt::ISODate);
    if (!when.isValid())
        return value;
    const QDateTime utc = when.toUTC();
    if (value.size() == 10 || utc.time() == QTime(0, 0))
        return QLocale().toString(utc.date(), withWholeYear(QLocale().dateFormat(QLocale::ShortFormat)));
    return QLocale().toString(utc, withWholeYear(QLocale().dateTimeFormat(QLocale::ShortFormat))) + QStringLiteral(" UTC");
}

} // namespace

void DetailsPanel::display()
{
    const EntityDetails &d = m_details;
    const bool any = !d.source.isEmpty();
    m_copyLei->setEnabled(!d.lei.isEmpty());
    m_copyAll->setEnabled(any);
    m_showRaw->setEnabled(!d.rawJson.isEmpty());
    if (d.rawJson.isEmpty())
        m_showRaw->setChecked(false);
    m_raw->setPlainText(QString::fromUtf8(d.rawJson));
    if (d.lei.isEmpty()) {
        m_view->setHtml(tr("<p>Select a row to see what GLEIF says about its LEI.</p>"));
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(d.lei.toHtmlEscaped());
    if (!any) {
        m_view->setHtml(html + QStringLiteral("<p>%1</p>").arg(d.error.toHtmlEscaped()));
        return;
    }
    html += QStringLiteral("<table>");
    for (const auto &[label, value] : d.fields)
        html += QStringLiteral("<tr><td><b>%1</b>&nbsp;</td><td>%2</td></tr>").arg(label.toHtmlEscaped(), shownValue(value).toHtmlEscaped());
    html += QStringLiteral("</table><p>%1</p><p><a href=\"%2\">%3</a></p>")
                .arg(tr("From the %1, as of %2.")
                         .arg(d.source == u"mirror" ? tr("GLEIF mirror") : tr("cache of GLEIF's answers"),
                              QLocale().toString(d.asOf.toUTC(), withWholeYear(QLocale().dateTimeFormat(QLocale::ShortFormat)))
                                  + QStringLiteral(" UTC"))
                         .toHtmlEscaped(),
                     EntityDetails::searchUrl(d.lei).toHtmlEscaped(), tr("Open on GLEIF's search site"));
    m_view->setHtml(html);
}
