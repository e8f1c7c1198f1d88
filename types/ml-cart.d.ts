// Minimal declarations for the parts of ml-cart 2.1.1 the tests compare against (it ships none).
declare module 'ml-cart' {
  import type { Matrix } from 'ml-matrix';
  export interface CartNode {
    splitColumn?: number;
    splitValue?: number;
    gain?: number;
    left?: CartNode;
    right?: CartNode;
    distribution?: Matrix;
    classify(row: ArrayLike<number>): Matrix;
    bestSplit(XTranspose: Matrix, y: number[]): { maxGain: number; maxColumn?: number; maxValue?: number };
  }
  export interface CartOptions {
    gainFunction?: 'gini';
    splitFunction?: 'mean';
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: CartOptions);
    root: CartNode;
    train(trainingSet: number[][] | Matrix, trainingLabels: number[]): void;
    predict(toPredict: number[][] | Matrix): number[];
  }
}
