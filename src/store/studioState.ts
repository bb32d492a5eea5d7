import type { SampleInfo, StoredSample } from '../core/data/sampleCsv';
import { AUTO_SEED, AUTO_TIME_BUDGET_SECONDS } from '../core/models/autoMLRules';
import type { ColumnSummary } from '../core/data/summarizeColumns';
import type { ImportIssue } from '../core/data/importIssue';
import type { ReadOptions, ReadResult } from '../core/data/readCsv';
import type { TableProfile } from '../core/profile/profileTable';
import type { TrainProgress } from '../core/models/types';
import type { TrainedRun } from '../workers/trainOutcome';
import type { BackendChoice, BackendPreference } from '../workers/tfBackend';

export type { BackendPreference } from '../workers/tfBackend';
export type { TrainedRun } from '../workers/trainOutcome';
import type { ExploreData } from '../workers/data.worker';
import type { DeployedModel, PredictionSummary, SinglePrediction } from '../workers/predict.worker';
import type { DriftReport } from '../core/monitor/driftTypes';
import type { HoldoutEvaluation } from '../core/evaluate/holdoutEvaluation';
import type { LearningCurve } from '../core/evaluate/learningCurve';
import type { GroupMetrics } from '../core/evaluate/groupMetrics';
import type { PermutationImportance as ImportanceResult } from '../core/explain/permutationImportance';
import type { PartialDependence as DependenceResult } from '../core/explain/partialDependence';
import type { RowExplanation } from '../core/explain/explainRow';
import type { PrepareStep } from '../core/prep/prepareSteps';

export interface ExploreState {
  data: ExploreData | null;
  /** The column whose details are shown. */
  column: string | null;
  /** Set when a chart click narrowed the grid to some rows. */
  filter: { description: string; rows: number } | null;
}

export type Task = 'classification' | 'regression' | 'clustering';

export interface DatasetInfo {
  fileName: string;
  /** SHA-256 of the file's bytes, once computed: the dataset version. */
  hash?: string;
  rowCount: number;
  columns: ColumnSummary[];
  dialect: ReadResult['dialect'];
  /** The reader options that produced this table (delimiter, type overrides), replayed on restore. */
  readOptions: Omit<ReadOptions, 'onProgress' | 'fileName'>;
  /** Bumped on every change of the table, so views re-fetch rows. */
  version: number;
  /** Set when the table is a random sample of the file's rows (sampleCsv): what of, and how to read it again. */
  sample?: { info: SampleInfo; stored: StoredSample };
}

export interface AlertInfo {
  /** One sentence naming the file, line or column involved. */
  message: string;
  details?: string[];
  /** A way out the message offers, shown as a button (e.g. importing a sample of a file too big to read whole). */
  action?: { label: string; run: () => void };
}

export type TrainingStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed' | 'interrupted';

export interface LeaderboardRow {
  model: string;
  label: string;
  /** Hold-out scores. */
  metrics: Record<string, number>;
  /** K-fold means and standard deviations, when cross-validated. */
  cv?: Record<string, number>;
  cvStd?: Record<string, number>;
  folds?: number;
  /** The hyperparameters that differ from the model's defaults, in words. */
  keyParams?: string;
  /** How the hyperparameters were tuned, in words ("9 trials"); absent when they were not. */
  tuning?: string;
  fitSeconds: number;
  backend: string;
  /** The held-out evaluation, for comparing models side by side. */
  evaluation?: HoldoutEvaluation;
}

/** A model an AutoML run is training now: which of how many, its cross-validation fold and epoch. */
export interface TrainingModel {
  model: string;
  label: string;
  index: number;
  count: number;
  fold?: number;
  folds?: number;
  /** Tuning evaluations done so far. */
  trial?: number;
  epoch?: number;
  epochs?: number;
}

/** A model's training (and validation) loss per epoch, boosting round or tree of its hold-out fit. */
export interface ModelCurve {
  model: string;
  label: string;
  points: TrainProgress[];
}

/** The model that predicts: this page's trained run, or a bundle imported from a .zip. */
export interface DeployState {
  model: (DeployedModel & { source: 'trained' | 'imported' }) | null;
  status: 'idle' | 'loading' | 'predicting' | 'checking';
  /** The last "Predict CSV" file: its summary and the first rows shown. */
  predictions: (PredictionSummary & { preview: string[][] }) | null;
  /** The "what if" form: values as typed, and the prediction for them. */
  whatIf: { values: Record<string, string>; result: SinglePrediction | null; error?: string };
  /** The last drift check: the file compared and the report. */
  drift: { fileName: string; report: DriftReport; column: string | null } | null;
}

/** One entry of the project's history, as listed (a model version without its fitted model). */
export interface VersionSummary {
  id: string;
  kind: 'dataset' | 'model';
  savedAt: number;
  /** The dataset's SHA-256 (of a model version: the data it was trained on). */
  datasetHash: string;
  datasetName: string;
  rows: number;
  /** Model versions only. */
  target?: string | null;
  task?: Task;
  model?: string;
  label?: string;
  metrics?: Record<string, number>;
  cv?: Record<string, number>;
}

export interface HistoryState {
  versions: VersionSummary[];
  /** Model versions chosen for side-by-side comparison. */
  compare: string[];
}

/** A before/after view of what one recipe step does, on a sample of the rows. */
export interface StepPreview {
  stepId: string;
  /** Rows in the sample before and after the step (row-removing steps change it). */
  rowsBefore: number;
  rowsAfter: number;
  /** Rows the preview was computed on, and how many the dataset has. */
  sampled: number;
  total: number;
  /** Columns added, removed or changed by the step, and the first rows of each before and after. */
  columns: Array<{ name: string; change: 'added' | 'removed' | 'changed'; before: string[]; after: string[] }>;
  /** Plain-language account of the step as fitted on the sample. */
  description: string;
}

/** The person's own preparation steps, with undo and redo. */
export interface RecipeState {
  steps: PrepareStep[];
  past: PrepareStep[][];
  future: PrepareStep[][];
  /** The step whose form is open (a new one before it is added). */
  editing: PrepareStep | null;
  /** Why the last change was refused, at a position of the formula for a formula error. */
  error: { stepId: string; message: string; position?: number; length?: number } | null;
  preview: StepPreview | null;
  previewStatus: 'idle' | 'running' | 'failed';
  previewMessage?: string;
}

export interface StudioState {
  dataset: DatasetInfo | null;
  importNotes: ImportIssue[];
  ingest: { status: 'idle' | 'reading'; fileName?: string; progress: number };
  profile: TableProfile | null;
  alert: AlertInfo | null;
  target: string | null;
  task: Task;
  training: {
    status: TrainingStatus;
    /** One per model started in the last run. */
    curves: ModelCurve[];
    message?: string;
    /** While running: the models in training now, and how many have finished or failed. */
    active?: TrainingModel[];
    done?: number;
  };
  run: TrainedRun | null;
  leaderboard: LeaderboardRow[];
  /** How AutoML runs: hyperparameter tuning and the time budget (seconds). */
  trainSettings: {
    search: 'random' | 'halving' | 'none';
    timeBudgetSeconds: number;
    clusters: 'auto' | number;
    /** Folds and hold-out shuffled (null), by the groups of a column, or in its time order. */
    foldBy: { kind: 'group' | 'time'; column: string } | null;
    /** The neural network joins AutoML only when asked for, with these hidden layers ("64,64"). */
    network: { include: boolean; hiddenLayers: string };
    /** Seeds the split, the folds, the search and every model (the CLI's --seed). */
    seed: number;
  };
  /** The TensorFlow.js backend the person asked for, and the last automatic choice (its benchmark). */
  backend: { preference: BackendPreference; probed: BackendChoice | null };
  /** 'readonly': another tab is the project's writer, so this one saves nothing (storage/tabLock.ts). */
  save: { status: 'idle' | 'saving' | 'saved' | 'failed' | 'readonly'; message?: string };
  explore: ExploreState;
  deploy: DeployState;
  history: HistoryState;
  /** The current model's card as the person edited it (null: the generated one). */
  modelCard: string | null;
  evaluation: EvaluationState;
  recipe: RecipeState;
}

/** What the evaluation view shows beyond the run's own evaluation: choices and on-demand analyses. */
export interface EvaluationState {
  /** Leaderboard models ticked for side-by-side comparison. */
  compare: string[];
  threshold: number;
  normalized: boolean;
  /** Set when a confusion cell narrowed the grid to its rows. */
  cell: { actual: string; predicted: string } | null;
  importance: { status: 'idle' | 'running' | 'done' | 'failed'; result?: ImportanceResult; message?: string };
  dependence: { column: string | null; status: 'idle' | 'running' | 'done' | 'failed'; result?: DependenceResult; message?: string };
  explanation: { row: number | null; status: 'idle' | 'running' | 'done' | 'failed'; result?: RowExplanation; message?: string };
  learning: { status: 'idle' | 'running' | 'done' | 'failed'; result?: LearningCurve; message?: string; done?: number; total?: number };
  fairness: { column: string | null; status: 'idle' | 'running' | 'done' | 'failed'; result?: GroupMetrics; message?: string };
  /** Display text of the worst rows' cells: header and rows (same order as evaluation.worst). */
  worstCells: { header: string[]; rows: string[][] } | null;
}

export const initialState: StudioState = {
  dataset: null,
  importNotes: [],
  ingest: { status: 'idle', progress: 0 },
  profile: null,
  alert: null,
  target: null,
  task: 'classification',
  training: { status: 'idle', curves: [] },
  run: null,
  leaderboard: [],
  trainSettings: { search: 'random', timeBudgetSeconds: AUTO_TIME_BUDGET_SECONDS, clusters: 'auto', foldBy: null, network: { include: false, hiddenLayers: '64,64' }, seed: AUTO_SEED },
  backend: { preference: 'auto', probed: null },
  save: { status: 'idle' },
  explore: { data: null, column: null, filter: null },
  deploy: { model: null, status: 'idle', predictions: null, whatIf: { values: {}, result: null }, drift: null },
  history: { versions: [], compare: [] },
  modelCard: null,
  evaluation: {
    compare: [],
    threshold: 0.5,
    normalized: false,
    cell: null,
    importance: { status: 'idle' },
    dependence: { column: null, status: 'idle' },
    explanation: { row: null, status: 'idle' },
    learning: { status: 'idle' },
    fairness: { column: null, status: 'idle' },
    worstCells: null,
  },
  recipe: { steps: [], past: [], future: [], editing: null, error: null, preview: null, previewStatus: 'idle' },
};
