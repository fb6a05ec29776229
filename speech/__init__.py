"""Emma's speech layer: WAV parsing, speech recognition (Whisper) and speech synthesis (Piper)."""
