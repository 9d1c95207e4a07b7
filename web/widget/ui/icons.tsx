/**
 * The widget's icons, drawn rather than typed as emoji: a system without an emoji font (many Linux
 * desktops, kiosks) shows an empty box for an emoji. Decorative: the button around each one has
 * the accessible name.
 */
const common = { class: 'glyph', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' } as const;
const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

export const ChatIcon = () => (
  <svg {...common}>
    <path d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-10l-5 4v-4h-1a2 2 0 0 1-2-2v-10a2 2 0 0 1 2-2z" fill="currentColor" />
  </svg>
);

export const CloseIcon = () => (
  <svg {...common}>
    <path d="M6 6l12 12M18 6L6 18" {...stroke} stroke-width={2.5} />
  </svg>
);

export const SmileIcon = () => (
  <svg {...common}>
    <circle cx="12" cy="12" r="9" {...stroke} />
    <circle cx="9" cy="10" r="1.2" fill="currentColor" />
    <circle cx="15" cy="10" r="1.2" fill="currentColor" />
    <path d="M8 14.5a4.5 4.5 0 0 0 8 0" {...stroke} />
  </svg>
);

export const AttachIcon = () => (
  <svg {...common}>
    <path d="M16.5 6.5l-7.8 7.8a2 2 0 0 0 2.8 2.8l7.8-7.8a4 4 0 0 0-5.6-5.6l-7.8 7.8a6 6 0 0 0 8.5 8.5l6.4-6.4" {...stroke} />
  </svg>
);
