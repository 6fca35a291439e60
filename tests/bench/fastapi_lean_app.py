"""The lean FastAPI baseline of the benchmarks: the same model and answers as fastapi_app.py (the twin), written
the way a FastAPI user tuning for speed would write it -- separate single and batch routes, one plain pydantic
model per route (no Union body to try in turn), and one scikit-learn call per request (predict_proba; the score
is its logit, which equals decision_function for a logistic regression).

Run: BENCH_DATA=heart.csv uvicorn --app-dir tests/bench fastapi_lean_app:app --host 127.0.0.1 --port 5180
Routes: POST /predict (one record), POST /predict/batch (an array of records), GET /health/ready.
"""
import math
import os
from typing import List

import numpy as np
from fastapi import FastAPI

# The same plain pydantic record model as the twin's (a field per feature, no Union around it).
from fastapi_app import FEATURES, HeartRecord, train

model = train(os.environ["BENCH_DATA"])
app = FastAPI(title="heart-disease reference (lean)")


def prediction(p):
    p = float(p)
    score = math.log(p / (1 - p)) if 0 < p < 1 else (math.inf if p >= 1 else -math.inf)
    return {"PredictedLabel": p >= 0.5, "Score": score, "Probability": p}


@app.get("/health/ready")
def ready():
    return {"status": "Healthy"}


@app.post("/predict")
async def predict(record: HeartRecord):
    x = np.array([[getattr(record, c) for c in FEATURES]], dtype=np.float64)
    p = model.predict_proba(x)[0, 1]
    return {"model_name": "heart-disease", "model_version": "1", "prediction": prediction(p)}


@app.post("/predict/batch")
async def predict_batch(records: List[HeartRecord]):
    x = np.array([[getattr(r, c) for c in FEATURES] for r in records], dtype=np.float64)
    probabilities = model.predict_proba(x)[:, 1]
    return {"model_name": "heart-disease", "model_version": "1", "predictions": [prediction(p) for p in probabilities]}
