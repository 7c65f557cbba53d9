import { createTheme } from '@mantine/core';

// A blue dark enough for white text at WCAG AA (contrast ≥ 4.5:1) on buttons and links.
export const theme = createTheme({
  primaryColor: 'parcours',
  primaryShade: 8,
  colors: {
    parcours: ['#e7f1fb', '#cfe2f6', '#9dc4ec', '#68a4e2', '#3d89d9', '#2179d4', '#0f6fd2', '#0a5eba', '#0b5cad', '#00458a'],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
});
