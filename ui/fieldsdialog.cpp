#include "fieldsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

constexpr int IdRole = Qt::UserRole;

Fields::Id idOf(const QListWidgetItem *item)
{
    return Fields::Id(item->data(IdRole).toInt());
}

} // namespace

FieldsDialog::FieldsDialog(const QVector<Fields::Id> &chosen, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_upButton(new QPushButton(tr("Move &Up"), this))
    , m_downButton(new QPushButton(tr("Move &Down"), this))
    , m_hint(new QLabel(tr("Check at least one field."), this))
{
    setWindowTitle(tr("Fields"));
    auto *intro = new QLabel(tr("The GLEIF columns added after the file's own, in this order. "
                                "Check the fields you want; drag them or use Move Up and Move Down to order them."),
        this);
    intro->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("fields"));
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(2); // two-line entries read apart

    m_upButton->setObjectName(QStringLiteral("moveUp"));
    m_downButton->setObjectName(QStringLiteral("moveDown"));
    connect(m_upButton, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    auto *side = new QVBoxLayout;
    side->addWidget(m_upButton);
    side->addWidget(m_downButton);
    side->addStretch();
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(side);

    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setStyleSheet(QStringLiteral("color: #b00020;"));
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    QPushButton *restore = buttons->button(QDialogButtonBox::RestoreDefaults);
    restore->setObjectName(QStringLiteral("restoreDefaults"));
    connect(restore, &QPushButton::clicked, this, &FieldsDialog::restoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::itemChanged, this, &FieldsDialog::updateButtons);
    connect(m_list, &QListWidget::currentRowChanged, this, &FieldsDialog::updateButtons);
    // A drag moves rows through the model.
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, &FieldsDialog::updateButtons);

    setFields(chosen);
    m_list->setFocus();
    resize(660, 600);
}

FieldsDialog::~FieldsDialog() = default;

QVector<Fields::Id> FieldsDialog::fields() const
{
    QVector<Fields::Id> out;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        if ((item->flags() & Qt::ItemIsEnabled) && item->checkState() == Qt::Checked)
            out << idOf(item);
    }
    return out;
}

void FieldsDialog::setFields(const QVector<Fields::Id> &chosen)
{
    QVector<Fields::Id> order = chosen;
    for (const Fields::Info &info : Fields::catalogue()) {
        if (!order.contains(info.id))
            order << info.id;
    }
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Fields::Id id : std::as_const(order)) {
        const Fields::Info &info = Fields::info(id);
        auto *item = new QListWidgetItem(Fields::name(id) + u'\n' + Fields::meaning(id));
        item->setData(IdRole, int(id));
        // Not drop-enabled: a drop lands between fields, never onto one.
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsEnabled);
        item->setCheckState(chosen.contains(id) ? Qt::Checked : Qt::Unchecked);
        if (info.parent)
            item->setToolTip(tr("Online, one request to GLEIF per parent or exception, made once every LEI is answered "
                                "(you are asked first when it takes over 100)"));
        m_list->addItem(item);
    }
    m_list->setCurrentRow(0);
    updateButtons();
}

void FieldsDialog::restoreDefaults()
{
    setFields(Fields::defaults());
}

void FieldsDialog::moveCurrent(int by)
{
    const int from = m_list->currentRow();
    const int to = from + by;
    if (from < 0 || to < 0 || to >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(from);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
    updateButtons();
}

void FieldsDialog::updateButtons()
{
    const int row = m_list->currentRow();
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row < m_list->count() - 1);
    const bool any = !fields().isEmpty();
    m_okButton->setEnabled(any);
    m_hint->setVisible(!any);
}
