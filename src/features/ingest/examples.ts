import type { Task } from '../../store/studioState';

export interface Example {
  id: string;
  file: string;
  title: string;
  description: string;
  target: string;
  task: Task;
}

/** Built-in datasets from the vega-datasets package, converted by scripts/make-examples.mjs. */
export const EXAMPLES: Example[] = [
  {
    id: 'penguins',
    file: 'examples/penguins.csv',
    title: 'Penguins',
    description: 'Classify the species of 344 penguins from body measurements (with missing values and categories).',
    target: 'Species',
    task: 'classification',
  },
  {
    id: 'cars',
    file: 'examples/cars.csv',
    title: 'Cars',
    description: 'Predict the fuel economy (miles per gallon) of 406 cars from their engine and origin.',
    target: 'Miles_per_Gallon',
    task: 'regression',
  },
  {
    id: 'seattle-weather',
    file: 'examples/seattle-weather.csv',
    title: 'Seattle weather',
    description: 'Daily weather in Seattle 2012-2015 (dates, precipitation, temperatures); classify the weather type.',
    target: 'weather',
    task: 'classification',
  },
];
