"""The peer of bench/serve.sh: a FastAPI + uvicorn server with scikit-learn's HistGradientBoostingClassifier, answering
MLflow's /invocations contract for dataframe_split bodies as mlflow's own scoring server does (a pandas DataFrame from
the split, the model's predict, {"predictions": [...]}).

Usage: peer.py DATA.csv TARGET PORT WORKERS

The model has the tree shape of bench/serve/kiln.yaml's LightGBM candidate: 100 rounds, learning rate 0.1, at most 31
leaves, no depth limit, at least 20 rows per leaf, no early stopping. It is fitted once in the launcher and saved with
pickle; each worker loads it. The launcher creates the listening socket itself (TCP_NODELAY set, as for every accepted
connection, which inherits it) and hands it to uvicorn: Debian's uvicorn 0.17 re-creates a socket passed by fd as AF_UNIX,
so asyncio never sets TCP_NODELAY on the accepted connections and every answer waits ~40 ms for the delayed ACK.
"""
import os
import pickle
import socket
import sys
import tempfile

import pandas as pd
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

MODEL_PATH_VARIABLE = "KILN_BENCH_PEER_MODEL"

app = FastAPI()
_model = None


def model():
    global _model
    if _model is None:
        with open(os.environ[MODEL_PATH_VARIABLE], "rb") as file:
            _model = pickle.load(file)
    return _model


@app.on_event("startup")
def load_model():
    model()


@app.post("/invocations")
async def invocations(request: Request):
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(status_code=415, detail="send application/json")
    body = await request.json()
    split = body.get("dataframe_split")
    if not isinstance(split, dict):
        raise HTTPException(status_code=400, detail="send dataframe_split")
    fitted = model()
    frame = pd.DataFrame(split["data"], columns=split["columns"])
    predictions = fitted.predict(frame[fitted.feature_names_in_])
    return JSONResponse({"predictions": predictions.tolist()})


def fit(data_path, target):
    from sklearn.ensemble import HistGradientBoostingClassifier

    table = pd.read_csv(data_path)
    features = table.drop(columns=[target])
    classifier = HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, min_samples_leaf=20,
        l2_regularization=0.0, max_bins=255, early_stopping=False, random_state=42)
    classifier.fit(features, table[target])
    return classifier


def main():
    data_path, target, port, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    handle, model_path = tempfile.mkstemp(suffix=".pkl")
    with os.fdopen(handle, "wb") as file:
        pickle.dump(fit(data_path, target), file)
    os.environ[MODEL_PATH_VARIABLE] = model_path

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(2048)
    listener.set_inheritable(True)

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    config = uvicorn.Config("peer:app", host="127.0.0.1", port=port, workers=workers, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    try:
        if workers == 1:
            server.run(sockets=[listener])
        else:
            Multiprocess(config, target=server.run, sockets=[listener]).run()
    finally:
        os.unlink(model_path)


if __name__ == "__main__":
    main()
