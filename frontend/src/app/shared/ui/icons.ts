/**
 * SVG path data (24×24 viewBox) of the few Material Symbols the pages draw inline: the CSP and the offline policy
 * forbid icon fonts. Use as `<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" [attr.d]="…" /></svg>`.
 */
export const STAR_OUTLINE_ICON =
  'm22 9.24-7.19-.62L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21 12 17.27 18.18 21l-1.63-7.03zM12 15.4l-3.76 2.27 1-4.28-3.32-2.88 4.38-.38L12 6.1l1.71 4.04 4.38.38-3.32 2.88 1 4.28z';

export const DELETE_OUTLINE_ICON =
  'M16 9v10H8V9zm-1.5-6h-5l-1 1H5v2h14V4h-3.5zM18 7H6v12c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2z';

export const EDIT_OUTLINE_ICON =
  'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75zM5.92 19H5v-.92l9.06-9.06.92.92zM20.71 5.63l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83a1 1 0 0 0 0-1.41';
