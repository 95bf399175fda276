#pragma once

#include "fieldcatalogue.h"

#include <QDialog>
#include <QVector>

class QLabel;
class QListWidget;
class QPushButton;

// Enrich > Fields...: which GLEIF columns a run adds and in what order. Every catalogue field is
// listed (name and one-line meaning); the checked ones, top to bottom, are the choice. Reorder by
// dragging or with Move up / Move down. At least one field must stay checked. Parent fields are
// listed but cannot be chosen yet (they need the parent lookup).
class FieldsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit FieldsDialog(const QVector<Fields::Id> &chosen, QWidget *parent = nullptr);
    ~FieldsDialog() override;
    Q_DISABLE_COPY_MOVE(FieldsDialog)

    // The checked fields in list order.
    QVector<Fields::Id> fields() const;
    // Lists `chosen` first and checked, in its order, then the rest of the catalogue unchecked.
    void setFields(const QVector<Fields::Id> &chosen);
    void restoreDefaults();
    QListWidget *list() const { return m_list; }
    // Move the current field one place up or down (the buttons do this).
    void moveCurrent(int by);

private:
    void updateButtons();

    QListWidget *m_list;
    QPushButton *m_upButton;
    QPushButton *m_downButton;
    QPushButton *m_okButton;
    QLabel *m_hint;
};
