"""Reference app of the end-to-end benchmark: the heart-disease model served the way a typical Python shop
serves it -- FastAPI + pydantic models + a scikit-learn pipeline (StandardScaler + LogisticRegression) trained at
start-up on the same generated CSV that MlService's model is trained on.

Run: BENCH_DATA=heart.csv uvicorn --app-dir tests/bench fastapi_app:app --host 127.0.0.1 --port 5180 [--workers 2]
Same routes and response shapes as MlService's native protocol: POST /predict (object or array), GET /health/ready.
"""
import csv
import os
from typing import List, Union

import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = ["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal"]


class HeartRecord(BaseModel):
    age: int
    sex: int
    cp: int
    trestbps: int
    chol: int
    fbs: int
    restecg: int
    thalach: int
    exang: int
    oldpeak: float
    slope: int
    ca: int
    thal: int


class Prediction(BaseModel):
    PredictedLabel: bool
    Score: float
    Probability: float


class SingleResponse(BaseModel):
    model_name: str
    model_version: str
    prediction: Prediction


class BatchResponse(BaseModel):
    model_name: str
    model_version: str
    predictions: List[Prediction]


def train(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows])
    y = np.array([int(r["target"]) for r in rows])
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(x, y)


model = train(os.environ["BENCH_DATA"])
app = FastAPI(title="heart-disease reference")


def predict_rows(records):
    x = np.array([[getattr(r, c) for c in FEATURES] for r in records], dtype=np.float64)
    scores = model.decision_function(x)
    probabilities = model.predict_proba(x)[:, 1]
    return [Prediction(PredictedLabel=p >= 0.5, Score=s, Probability=p) for s, p in zip(scores, probabilities)]


@app.get("/health/ready")
def ready():
    return {"status": "Healthy"}


# async: the model call takes microseconds, and a plain def would add a thread-pool hop per request -- the faster
# of FastAPI's two styles for this model, so the reference is not handicapped.
@app.post("/predict", response_model=Union[SingleResponse, BatchResponse])
async def predict(body: Union[List[HeartRecord], HeartRecord]):
    if isinstance(body, list):
        return BatchResponse(model_name="heart-disease", model_version="1", predictions=predict_rows(body))
    return SingleResponse(model_name="heart-disease", model_version="1", prediction=predict_rows([body])[0])
