/** plotly.js's cartesian partial bundle ships no types; PlotlyChart.tsx types the few calls it makes. */
declare module 'plotly.js-cartesian-dist-min';
