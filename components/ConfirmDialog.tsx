import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Keeps the confirm button disabled (e.g. until the user typed the name of what is deleted). */
  confirmDisabled?: boolean;
  /** Extra content between the text and the buttons (e.g. a field to type a name). */
  children?: ComponentChildren;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation in a real `<dialog>`: focus is trapped inside while open, Escape cancels, and the
 * browser gives focus back to the button that opened it when it closes.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId(); // several dialogs may live on one page
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(e) => {
        e.preventDefault(); // the parent decides, so its state and the dialog never disagree
        props.onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-text`}>{props.text}</p>
      {props.children}
      <p class="row">
        <button type="button" class="danger" disabled={props.confirmDisabled} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        {/* Without a field to fill, the safe choice gets the focus: Enter must not destroy anything. */}
        <button type="button" autofocus={!props.children} onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
      </p>
    </dialog>
  );
}
