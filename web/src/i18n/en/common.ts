/** Words shared by every screen. */
export const common = {
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  delete: 'Delete',
  edit: 'Edit',
  undo: 'Undo',
  loading: 'Loading…',
  retry: 'Try again',
  language: 'Language',
  languageAuto: 'Same as this browser',
};
