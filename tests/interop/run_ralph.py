"""Runs Ralph's LRS API (ralph.api:app) under uvicorn: `python run_ralph.py PORT`.

Ralph 5.1's filesystem LRS backend writes its statements file with the
"create" operation, which refuses a file that exists, so it stores the first
POST and answers 500 to every later one. Appending is what an LRS needs; this
launcher makes it the backend's default and changes nothing else (statement
validation, duplicate checks, authentication and queries are Ralph's own)."""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
